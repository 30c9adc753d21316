using KnowledgeBase.Web.Infrastructure;

var request = CommandLine.Parse(args);
if (request.ExitCode is { } done) return done; // help printed, or the command line was wrong (and said why)
ImportRuntimeSettings.RestartWithSettings(request.Command); // the import runs with its own runtime settings

var builder = WebApplication.CreateBuilder(request.HostArgs);
builder.AddKnowledgeBaseLogging();
builder.Services.AddKnowledgeBaseData(builder.Configuration);
builder.Services.AddKnowledgeBaseSecurity();
builder.Services.AddKnowledgeBaseWeb();
builder.Services.AddKnowledgeBaseHealth();

var app = builder.Build();

if (request.Command is { } command)
{
    return await command.RunAsync(app.Services, Console.Out);
}

await app.Services.InitializeKnowledgeBaseAsync(app.Lifetime.ApplicationStopping);
app.UseKnowledgeBaseWeb();
app.AnnounceUrlsOnStart();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
