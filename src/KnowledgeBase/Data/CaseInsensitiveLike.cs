using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Data;

/// <summary>
/// LIKE that ignores case on every provider, as users have always had it on SQLite (whose LIKE ignores
/// ASCII case). On PostgreSQL, LIKE is case-sensitive, so every <c>EF.Functions.Like</c> in the predicate
/// becomes <c>ILIKE</c>; with the "C" collation that also folds ASCII letters only, as SQLite does.
/// </summary>
public static class CaseInsensitiveLike
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    /// <summary><c>Where(predicate)</c>, with the predicate's LIKEs case-insensitive on the context's provider.</summary>
    public static IQueryable<T> WhereLike<T>(this IQueryable<T> source, KnowledgeBaseDbContext db, Expression<Func<T, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(db);
        return source.Where(db.Database.IsNpgsql() ? (Expression<Func<T, bool>>)new LikeToILike().Visit(predicate) : predicate);
    }

    private sealed class LikeToILike : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method == Like
                ? Expression.Call(ILike, node.Arguments.Select(Visit)!)
                : base.VisitMethodCall(node);
    }
}
