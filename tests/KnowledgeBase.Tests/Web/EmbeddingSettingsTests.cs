using KnowledgeBase.Retrieval;
using KnowledgeBase.Tests.Support;
using KnowledgeBase.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Web;

/// <summary>The embedding model's settings: which weights run and where the int8 model file is kept (nothing is loaded here).</summary>
public sealed class EmbeddingSettingsTests
{
    [Fact]
    public void Int8_model_file_goes_under_the_data_folder_unless_a_model_folder_is_set()
    {
        var root = Path.Combine(Path.GetTempPath(), "kb-app");

        using var byDefault = WebSetup.CreateEmbedder(new KnowledgeBaseOptions(), root, NullLogger<ArcticXsEmbedder>.Instance);
        using var configured = WebSetup.CreateEmbedder(new KnowledgeBaseOptions { DataFolder = "var", ModelFolder = "cache/models" }, root, NullLogger<ArcticXsEmbedder>.Instance);

        byDefault.Options.Weights.Should().Be(ArcticXsWeights.Quantised);
        byDefault.Options.CacheFolder.Should().Be(Path.Combine(root, "data", "models"));
        configured.Options.CacheFolder.Should().Be(Path.Combine(root, "cache", "models"));
    }

    [Fact]
    public async Task Original_weights_are_selected_by_configuration_and_keep_the_float_model_s_name()
    {
        await using var factory = new KnowledgeBaseAppFactory();
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("KnowledgeBase:EmbeddingWeights", "Original"));

        var original = app.Services.GetRequiredService<ITextEmbedder>();
        var shipped = factory.Services.GetRequiredService<ITextEmbedder>();

        original.Model.Should().Be(ArcticXsEmbedder.FloatModelName);
        shipped.Model.Should().StartWith("snowflake-arctic-embed-xs int8");
        shipped.Model.Should().NotBe(original.Model);
    }
}
