using System.Text.Json;
using KnowledgeBase.BrowserTests.Support;
using KnowledgeBase.Domain;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.BrowserTests.Journeys;

/// <summary>
/// The evidence map is read by its colours: each assessment must look different from every other, in the
/// legend and in the bars, as the browser actually paints them (a stylesheet the browser drops in part
/// once painted every assessment black while every page still loaded).
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class EvidenceMapColourTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_assessment_has_its_own_colour_in_the_legend_and_the_bars()
    {
        await browser.QueryAsync(async db =>
        {
            // Two claims of one source assessed differently against a bone-marrow MSC study, so the map and the chart have bars.
            // A seed article no other journey reads the evidence list of.
            var sourceId = await db.Sources.Where(x => x.FileName == "004_e7acfcdfef7a4db6.txt").MinAsync(x => x.Id);
            var claims = await db.Claims.Where(c => c.SourceId == sourceId && !c.Links.Any()).OrderBy(c => c.Id).Take(2).ToListAsync();
            var study = await db.Studies.SingleAsync(s => s.Doi == "10.5966/sctm.2014-0212");
            var now = DateTime.UtcNow;
            claims[0].Links.Add(new EvidenceLink { StudyId = study.Id, Relation = EvidenceRelation.AlludesTo, Assessment = EvidenceAssessment.Supported, CreatedBy = "editor@example.org", CreatedAt = now, UpdatedAt = now });
            claims[1].Links.Add(new EvidenceLink { StudyId = study.Id, Relation = EvidenceRelation.AlludesTo, Assessment = EvidenceAssessment.Unsupported, CreatedBy = "editor@example.org", CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
            return 0;
        });
        await using var s = await browser.OpenAsync(output, "evidence-map-colours");
        await s.GotoAsync("/evidence-map", "evidence-map");

        var legendJson = await s.Page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('.legend li')].map(li => ({
              label: li.textContent.trim(),
              cls: [...li.querySelector('rect').classList].find(c => c.startsWith('seg--')),
              fill: getComputedStyle(li.querySelector('rect')).fill })))
            """);
        var legend = JsonSerializer.Deserialize<List<Swatch>>(legendJson, JsonSerializerOptions.Web)!;
        output.WriteLine(string.Join(Environment.NewLine, legend.Select(l => $"{l.Label}: {l.Fill}")));

        legend.Should().HaveCount(Enum.GetValues<EvidenceAssessment>().Length + 1, "every assessment and 'not assessed' are in the legend");
        legend.Select(l => l.Fill).Should().OnlyHaveUniqueItems("no two assessments may share a colour");
        legend.Should().NotContain(l => l.Fill == "rgb(0, 0, 0)", "black is the colour of an SVG shape whose rule was dropped");

        var barsJson = await s.Page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('main rect.seg')].filter(r => !r.closest('.legend')).map(r => ({
              label: '', cls: [...r.classList].find(c => c.startsWith('seg--')), fill: getComputedStyle(r).fill })))
            """);
        var bars = JsonSerializer.Deserialize<List<Swatch>>(barsJson, JsonSerializerOptions.Web)!;
        bars.Select(b => b.Cls).Should().Contain(["seg--supported", "seg--unsupported"], "the two assessed claims are drawn");
        var byClass = legend.ToDictionary(l => l.Cls, l => l.Fill, StringComparer.Ordinal);
        bars.Should().OnlyContain(b => byClass[b.Cls] == b.Fill, "a bar has its legend's colour");
        await s.ScreenshotAsync("evidence-map");
    }

    private sealed record Swatch(string Label, string Cls, string Fill);
}
