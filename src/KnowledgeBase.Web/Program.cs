using KnowledgeBase.Web.Infrastructure;

var (command, hostArgs) = CommandLine.Parse(args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddKnowledgeBaseLogging();
builder.Services.AddKnowledgeBaseData(builder.Configuration);
builder.Services.AddKnowledgeBaseSecurity();
builder.Services.AddKnowledgeBaseWeb();
builder.Services.AddKnowledgeBaseHealth();

var app = builder.Build();

if (command is not null)
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
