using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// An action parameter named like a value of its route (<c>{id}</c>, <c>{linkId}</c>) binds from the route only.
/// MVC's default looks at the form before the route, so <c>POST /claims/4/status</c> with <c>id=5</c> in the body
/// acted on claim 5: what the address names is what is changed.
/// </summary>
internal sealed partial class RouteValuesFromRouteConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        var names = action.Selectors.Concat(action.Controller.Selectors)
            .Select(s => s.AttributeRouteModel?.Template)
            .OfType<string>()
            .SelectMany(t => RouteParameter().Matches(t).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0) return;
        foreach (var parameter in action.Parameters)
        {
            if (!names.Contains(parameter.ParameterName)) continue;
            if (parameter.BindingInfo?.BindingSource is { } source && source != BindingSource.ModelBinding) continue; // said explicitly
            parameter.BindingInfo ??= new BindingInfo();
            parameter.BindingInfo.BindingSource = BindingSource.Path;
        }
    }

    [GeneratedRegex(@"\{\**([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex RouteParameter();
}
