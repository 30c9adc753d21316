using KnowledgeBase.Domain;
using NetArchTest.Rules;

namespace KnowledgeBase.Tests.Architecture;

/// <summary>
/// The boundaries docs/decisions/0026 describes, checked on the compiled assembly: the domain and the pure parsers,
/// writers and detectors know nothing of EF Core or ASP.NET Core, and the namespace loops issue 19 removed (Linking and
/// Interchange using Importing, Data using Browsing) do not come back. A rule names the types that break it.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Frameworks = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql"];

    private static Predicates Core() => Types.InAssembly(typeof(Study).Assembly).That();

    private static void Holds(ConditionList rule, string because)
    {
        var result = rule.GetResult();
        (result.FailingTypeNames ?? []).Should().BeEmpty(because);
    }

    [Fact]
    public void The_domain_depends_on_nothing_else_in_the_app_nor_on_a_framework() =>
        Holds(Core().ResideInNamespace("KnowledgeBase.Domain").ShouldNot().HaveDependencyOnAny(
            [.. Frameworks, "KnowledgeBase.Data", "KnowledgeBase.Importing", "KnowledgeBase.Interchange", "KnowledgeBase.Linking",
             "KnowledgeBase.Browsing", "KnowledgeBase.Retrieval", "KnowledgeBase.Search", "KnowledgeBase.Classification", "KnowledgeBase.Primitives"]),
            "entities are plain classes");

    [Theory]
    [InlineData("KnowledgeBase.Interchange.Parsing")]
    [InlineData("KnowledgeBase.Interchange.Writing")]
    [InlineData("KnowledgeBase.Linking")]
    [InlineData("KnowledgeBase.Importing.Articles")]
    [InlineData("KnowledgeBase.Importing.Library")]
    [InlineData("KnowledgeBase.Classification")]
    [InlineData("KnowledgeBase.Primitives")]
    public void Parsers_writers_and_detection_are_pure(string ns) =>
        Holds(Core().ResideInNamespace(ns).ShouldNot().HaveDependencyOnAny([.. Frameworks, "KnowledgeBase.Data"]),
            $"{ns} is text in, records out: testable without a database or a server");

    [Theory]
    [InlineData("KnowledgeBase.Linking", "KnowledgeBase.Importing")]
    [InlineData("KnowledgeBase.Interchange", "KnowledgeBase.Importing")]
    [InlineData("KnowledgeBase.Data", "KnowledgeBase.Browsing")]
    [InlineData("KnowledgeBase.Classification", "KnowledgeBase.Importing")]
    [InlineData("KnowledgeBase.Classification", "KnowledgeBase.Browsing")]
    [InlineData("KnowledgeBase.Browsing", "KnowledgeBase.Importing")]
    public void Namespace_loops_do_not_come_back(string from, string to)
    {
        var rule = Core().ResideInNamespace(from);
        // Linking.Evaluation is the detection experiments' harness: it reads article files with Importing's parser
        // (Importing.Articles uses nothing of Linking, so this is no loop). The detectors themselves stay free of Importing.
        if (from == "KnowledgeBase.Linking") rule = rule.And().DoNotResideInNamespace("KnowledgeBase.Linking.Evaluation");
        Holds(rule.ShouldNot().HaveDependencyOn(to), $"{to} depends on {from}; the reverse would make a loop");
    }

    [Fact]
    public void ASP_NET_Core_reaches_the_core_library_only_in_Data_for_the_key_ring_table() =>
        Holds(Core().DoNotResideInNamespace("KnowledgeBase.Data").ShouldNot().HaveDependencyOn("Microsoft.AspNetCore"),
            "the context maps the data-protection key table (decision 0029); nothing else in the core library knows ASP.NET Core");

    [Fact]
    public void The_shared_primitives_depend_only_on_the_domain() =>
        Holds(Core().ResideInNamespace("KnowledgeBase.Primitives").ShouldNot().HaveDependencyOnAny(
            "KnowledgeBase.Data", "KnowledgeBase.Importing", "KnowledgeBase.Interchange", "KnowledgeBase.Linking", "KnowledgeBase.Browsing",
            "KnowledgeBase.Retrieval", "KnowledgeBase.Search", "KnowledgeBase.Classification"),
            "everything may use them, so they may use nothing but the domain");

    [Fact]
    public void The_rules_see_the_types_they_guard()
    {
        // A rule over a namespace with no types passes vacuously: each guarded namespace must hold types.
        foreach (var ns in new[] { "KnowledgeBase.Domain", "KnowledgeBase.Interchange.Parsing", "KnowledgeBase.Interchange.Writing", "KnowledgeBase.Linking.Detection",
                     "KnowledgeBase.Primitives", "KnowledgeBase.Classification", "KnowledgeBase.Data", "KnowledgeBase.Importing.Articles" })
            Core().ResideInNamespace(ns).GetTypes().Should().NotBeEmpty(ns);

        // And a rule can fail: Data does use EF Core.
        Core().ResideInNamespace("KnowledgeBase.Data").ShouldNot().HaveDependencyOn("Microsoft.EntityFrameworkCore").GetResult().IsSuccessful.Should().BeFalse();
    }
}
