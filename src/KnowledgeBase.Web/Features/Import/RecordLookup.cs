using System.Globalization;
using System.Net;
using System.Text;
using KnowledgeBase.Primitives;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Web.Features.Import;

/// <summary>
/// Settings of "add by identifier" (section <c>KnowledgeBase:Lookup</c>). Off by default: the app works fully without
/// network, and a server that should never call out stays that way unless an operator turns it on.
/// </summary>
public sealed class LookupOptions
{
    public const string Section = "KnowledgeBase:Lookup";

    /// <summary>Editors may fetch a record by PMID, DOI or NCT id from the public services below.</summary>
    public bool Enabled { get; set; }

    /// <summary>PubMed's E-utilities (efetch answers MEDLINE text).</summary>
    public string PubMedAddress { get; set; } = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";

    /// <summary>The DOI resolver, asked for CSL-JSON by content negotiation.</summary>
    public string DoiAddress { get; set; } = "https://doi.org/";

    /// <summary>ClinicalTrials.gov's API version 2.</summary>
    public string ClinicalTrialsAddress { get; set; } = "https://clinicaltrials.gov/api/v2/";

    /// <summary>How long one request may take before it is abandoned (and retried).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Further attempts after a time-out, a refused connection, a 5xx or a 429 answer.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// The least time between two requests from this server (all services together): PubMed allows three a second
    /// without an API key. A 429 answer's Retry-After is honoured on top of it.
    /// </summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Optional NCBI API key (ten requests a second); from configuration or the environment, never the repository.</summary>
    public string PubMedApiKey { get; set; } = "";

    /// <summary>Optional contact address sent with requests, as PubMed and the DOI agencies ask of tools.</summary>
    public string ContactEmail { get; set; } = "";
}

/// <summary>What an editor asked for: a PubMed id, a DOI or a ClinicalTrials.gov id.</summary>
public sealed record LookupRequest(LookupKind Kind, string Id)
{
    /// <summary>Reads "26751635", "PMID: 26751635", "10.1001/x", "https://doi.org/10.1001/x", "NCT01363401"...</summary>
    public static LookupRequest? Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var text = input.Trim();
        if (Identifiers.NormalizeNct(text) is { } nct) return new(LookupKind.Nct, nct);
        if ((Identifiers.NormalizePmid(text) ?? Identifiers.PmidFromUrl(text)) is { } pmid) return new(LookupKind.Pmid, pmid);
        if (Identifiers.NormalizeDoi(text) is { } doi) return new(LookupKind.Doi, doi);
        return null;
    }

    /// <summary>How the record is named in the preview and in the studies' provenance.</summary>
    public string Label => Kind switch
    {
        LookupKind.Pmid => $"PubMed PMID {Id}",
        LookupKind.Doi => $"doi.org DOI {Id}",
        _ => $"ClinicalTrials.gov {Id}",
    };

    /// <summary>The service asked, for messages.</summary>
    public string Service => Kind switch
    {
        LookupKind.Pmid => "PubMed",
        LookupKind.Doi => "The DOI resolver",
        _ => "ClinicalTrials.gov",
    };
}

public enum LookupKind
{
    Pmid,
    Doi,
    Nct,
}

/// <summary>A fetched record (its bytes, in the service's own format) or why there is none.</summary>
public sealed record LookupResult(byte[]? Content, string? Problem, HttpStatusCode Status)
{
    public static LookupResult Failed(string problem, HttpStatusCode status) => new(null, problem, status);
}

/// <summary>Spaces requests out across the whole app (one instance): the services' rate limits are per client.</summary>
public sealed class LookupGate(TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(1, 1);
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Waits for this request's turn, then holds the next one back by <paramref name="interval"/>.</summary>
    public async Task WaitTurnAsync(TimeSpan interval, CancellationToken ct)
    {
        await _turns.WaitAsync(ct);
        try
        {
            TimeSpan wait;
            lock (_lock) wait = _next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
            lock (_lock) _next = Later(_next, clock.GetUtcNow() + interval);
        }
        finally
        {
            _turns.Release();
        }
    }

    /// <summary>Pushes the next turn back (a 429 answer's Retry-After).</summary>
    public void Defer(TimeSpan retryAfter)
    {
        lock (_lock) _next = Later(_next, clock.GetUtcNow() + retryAfter);
    }

    public void Dispose() => _turns.Dispose();

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>
/// Fetches one record from PubMed (MEDLINE text), the DOI resolver (CSL-JSON) or ClinicalTrials.gov (a v2 study),
/// with a time-out per attempt, retries with back-off on failures that may pass, and the app-wide request spacing.
/// What comes back goes through the same preview and merge as an uploaded file.
/// </summary>
public sealed class RecordLookupClient(HttpClient http, IOptions<LookupOptions> options, LookupGate gate, ILogger<RecordLookupClient> logger)
{
    /// <summary>Longest wait a 429's Retry-After is honoured for before giving up.</summary>
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(30);

    private LookupOptions Settings => options.Value;

    public async Task<LookupResult> FetchAsync(LookupRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failure = "";
        var status = HttpStatusCode.BadGateway;
        for (var attempt = 0; attempt <= Math.Max(0, Settings.Retries); attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << Math.Min(attempt - 1, 5))), ct);
            await gate.WaitTurnAsync(Settings.MinimumInterval, ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Settings.Timeout);
            try
            {
                using var message = Build(request);
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
                if (response.StatusCode == HttpStatusCode.NotFound)
                    return LookupResult.Failed($"{request.Service} has no record {request.Id}: check the identifier.", HttpStatusCode.NotFound);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var after = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? TimeSpan.FromSeconds(2);
                    if (after > LongestRetryAfter)
                        return LookupResult.Failed($"{request.Service} asks this server to slow down for {after.TotalSeconds:F0} s: try again later.", HttpStatusCode.TooManyRequests);
                    gate.Defer(after);
                    (failure, status) = ($"{request.Service} kept asking this server to slow down (429): try again in a minute.", HttpStatusCode.TooManyRequests);
                    continue;
                }
                if ((int)response.StatusCode >= 500)
                {
                    (failure, status) = ($"{request.Service} failed to answer ({(int)response.StatusCode} {response.ReasonPhrase}): try again later.", HttpStatusCode.BadGateway);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    return LookupResult.Failed($"{request.Service} refused the request for {request.Id} ({(int)response.StatusCode} {response.ReasonPhrase}).", HttpStatusCode.BadGateway);

                var content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                return Check(request, content);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                (failure, status) = ($"{request.Service} did not answer within {Settings.Timeout.TotalSeconds:0.#} s: try again later.", HttpStatusCode.GatewayTimeout);
            }
            catch (HttpRequestException ex)
            {
                (failure, status) = ($"{request.Service} could not be reached ({ex.Message}): try again later.", HttpStatusCode.BadGateway);
            }
            logger.LogWarning("Looking up {Identifier}: attempt {Attempt} failed: {Failure}", request.Label, attempt + 1, failure);
        }
        return LookupResult.Failed($"{failure} Nothing was added.", status);
    }

    private HttpRequestMessage Build(LookupRequest request)
    {
        var s = Settings;
        var message = request.Kind switch
        {
            LookupKind.Pmid => new HttpRequestMessage(HttpMethod.Get, Address(s.PubMedAddress,
                "efetch.fcgi?db=pubmed&rettype=medline&retmode=text&id=" + request.Id
                + (s.PubMedApiKey.Length > 0 ? "&api_key=" + Uri.EscapeDataString(s.PubMedApiKey) : "")
                + "&tool=KnowledgeBase" + (s.ContactEmail.Length > 0 ? "&email=" + Uri.EscapeDataString(s.ContactEmail) : ""))),
            LookupKind.Doi => new HttpRequestMessage(HttpMethod.Get, Address(s.DoiAddress, EscapeDoi(request.Id))),
            _ => new HttpRequestMessage(HttpMethod.Get, Address(s.ClinicalTrialsAddress, "studies/" + request.Id)),
        };
        message.Headers.Accept.ParseAdd(request.Kind switch
        {
            LookupKind.Pmid => "text/plain",
            LookupKind.Doi => "application/vnd.citationstyles.csl+json",
            _ => "application/json",
        });
        message.Headers.UserAgent.ParseAdd("KnowledgeBase/1.0" + (s.ContactEmail.Length > 0 ? $" (mailto:{s.ContactEmail})" : ""));
        return message;
    }

    private static Uri Address(string root, string relative) => new(new Uri(root.EndsWith('/') ? root : root + "/"), relative);

    /// <summary>A DOI as a path: each segment escaped, its slashes kept (the resolver reads them).</summary>
    private static string EscapeDoi(string doi) => string.Join('/', doi.Split('/').Select(Uri.EscapeDataString));

    /// <summary>PubMed answers 200 with no record for an unknown id; a record must at least be what was asked for.</summary>
    private static LookupResult Check(LookupRequest request, byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        var found = request.Kind switch
        {
            LookupKind.Pmid => text.Contains("PMID- " + request.Id, StringComparison.Ordinal),
            LookupKind.Nct => text.Contains(request.Id, StringComparison.OrdinalIgnoreCase),
            _ => text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('['),
        };
        return found
            ? new LookupResult(content, null, HttpStatusCode.OK)
            : LookupResult.Failed(string.Create(CultureInfo.InvariantCulture,
                $"{request.Service} has no record {request.Id} (it answered {content.Length:N0} bytes without it): check the identifier."), HttpStatusCode.NotFound);
    }
}
