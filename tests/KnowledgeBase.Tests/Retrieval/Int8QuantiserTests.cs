using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KnowledgeBase.Retrieval.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace KnowledgeBase.Tests.Retrieval;

/// <summary>
/// The quantiser and its cache on a small graph written here (an embedding table read by Gather, then a MatMul with
/// a constant weight, the shape of a transformer's first steps), run through ONNX Runtime before and after.
/// </summary>
public sealed class Int8QuantiserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kb-int8-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Quantised_graph_computes_what_the_float_graph_computes_within_int8_error()
    {
        var model = TinyModel.Build(seed: 1);
        var quantised = OnnxInt8Quantiser.Quantise(model, new Int8QuantiserOptions());

        long[] ids = [3, 700, 1023, 0];
        var expected = TinyModel.Run(model, ids);
        var actual = TinyModel.Run(quantised, ids);

        actual.Should().HaveCount(expected.Length);
        var scale = expected.Max(MathF.Abs);
        for (var i = 0; i < expected.Length; i++) actual[i].Should().BeApproximately(expected[i], 0.03f * scale);
        // Not a copy of the float graph: the results differ a little, and the file is about a quarter of the size.
        actual.Should().NotEqual(expected);
        quantised.Length.Should().BeLessThan(model.Length * 35 / 100);
    }

    [Fact]
    public void Quantising_the_same_graph_twice_gives_the_same_bytes()
    {
        var model = TinyModel.Build(seed: 2);
        var metadata = new Dictionary<string, string> { ["k"] = "v" };

        var first = OnnxInt8Quantiser.Quantise(model, new Int8QuantiserOptions(), metadata);
        var second = OnnxInt8Quantiser.Quantise(model, new Int8QuantiserOptions(), metadata);

        SHA256.HashData(second).Should().Equal(SHA256.HashData(first));
    }

    [Fact]
    public void Embedding_table_stays_float_when_asked()
    {
        var model = TinyModel.Build(seed: 3);
        var tableKept = OnnxInt8Quantiser.Quantise(model, new Int8QuantiserOptions(WordEmbeddings: false));
        var all = OnnxInt8Quantiser.Quantise(model, new Int8QuantiserOptions());

        // The 1024 x 16 float table is 64 KB; as int8 16 KB.
        (tableKept.Length - all.Length).Should().BeGreaterThan(40_000);
        long[] ids = [5, 6];
        TinyModel.Run(tableKept, ids).Should().HaveCount(2 * TinyModel.Outputs);
    }

    [Fact]
    public void Cached_file_is_built_once_then_reused()
    {
        var (cache, builds) = CacheOf(TinyModel.Build(seed: 4), "a1");
        using var options = new SessionOptions();

        var (first, built) = cache.Open(options);
        first.Dispose();
        var path = cache.FileFor(Sha("a1"));
        var written = File.GetLastWriteTimeUtc(path);
        var (second, builtAgain) = cache.Open(options);
        second.Dispose();

        built.Should().BeTrue();
        builtAgain.Should().BeFalse();
        builds().Should().Be(1);
        File.GetLastWriteTimeUtc(path).Should().Be(written);
        Directory.GetFiles(_folder).Should().ContainSingle().Which.Should().Be(path);
    }

    [Fact]
    public void Corrupt_cached_file_is_rebuilt()
    {
        var model = TinyModel.Build(seed: 5);
        var (cache, builds) = CacheOf(model, "b2");
        Directory.CreateDirectory(_folder);
        var path = cache.FileFor(Sha("b2"));
        var good = OnnxInt8Quantiser.Quantise(model, new Int8QuantiserOptions());
        File.WriteAllBytes(path, good[..(good.Length / 2)]);
        using var options = new SessionOptions();

        var (session, built) = cache.Open(options);
        using (session)
        {
            built.Should().BeTrue();
            builds().Should().Be(1);
            session.ModelMetadata.CustomMetadataMap[Int8ModelCache.SourceKey].Should().Be(Sha("b2"));
        }
        TinyModel.Run(File.ReadAllBytes(path), [1]).Should().HaveCount(TinyModel.Outputs);
    }

    [Fact]
    public void File_of_another_source_under_the_name_is_rebuilt_and_files_of_older_versions_are_removed()
    {
        var model = TinyModel.Build(seed: 6);
        var (cache, builds) = CacheOf(model, "c3");
        Directory.CreateDirectory(_folder);
        var path = cache.FileFor(Sha("c3"));
        // A well-formed int8 file that says it was made from another model, and one left by an older quantiser.
        File.WriteAllBytes(path, OnnxInt8Quantiser.Quantise(model, new Int8QuantiserOptions(),
            new Dictionary<string, string> { [Int8ModelCache.SourceKey] = Sha("other"), [Int8ModelCache.QuantiserKey] = "v0" }));
        var older = Path.Combine(_folder, Int8ModelCache.FilePrefix + "v0-emb8-0123456789abcdef.onnx");
        File.WriteAllBytes(older, [1, 2, 3]);
        using var options = new SessionOptions();

        var (session, built) = cache.Open(options);
        session.Dispose();

        built.Should().BeTrue();
        builds().Should().Be(1);
        File.Exists(older).Should().BeFalse();
        Directory.GetFiles(_folder).Should().ContainSingle().Which.Should().Be(path);
    }

    [Fact]
    public void Model_runs_from_memory_when_its_folder_cannot_be_written()
    {
        // The "folder" is a file: creating it fails as a read-only disk would.
        Directory.CreateDirectory(_folder);
        var blocked = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocked, "");
        var cache = new Int8ModelCache(blocked, new Int8QuantiserOptions(), () => Sha("d4"), () => TinyModel.Build(seed: 7));
        using var options = new SessionOptions();

        var (session, built) = cache.Open(options);
        using (session)
        {
            built.Should().BeTrue();
            session.ModelMetadata.CustomMetadataMap[Int8ModelCache.SourceKey].Should().Be(Sha("d4"));
        }
        Directory.GetFiles(_folder).Should().ContainSingle().Which.Should().Be(blocked);
    }

    private (Int8ModelCache Cache, Func<int> Builds) CacheOf(byte[] model, string source)
    {
        var builds = 0;
        var cache = new Int8ModelCache(_folder, new Int8QuantiserOptions(), () => Sha(source), () =>
        {
            builds++;
            return model;
        });
        return (cache, () => builds);
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>ids [n] → Gather from a 1024 x 16 table → MatMul with a 16 x 8 weight → [n, 8].</summary>
    private static class TinyModel
    {
        public const int Rows = 1024;
        public const int Width = 16;
        public const int Outputs = 8;

        public static byte[] Build(int seed)
        {
            var random = new Random(seed);
            var table = Enumerable.Range(0, Rows * Width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var weight = Enumerable.Range(0, Width * Outputs).Select(_ => (float)(random.NextDouble() * 2 - 1) * 0.1f).ToArray();

            var graph = new ProtoWriter()
                .Message(1, Node("Gather", ["table", "ids"], ["rows"], "gather"))
                .Message(1, Node("MatMul", ["rows", "weight"], ["y"], "matmul"))
                .String(2, "tiny")
                .Message(5, Tensor("table", [Rows, Width], table))
                .Message(5, Tensor("weight", [Width, Outputs], weight))
                .Message(11, ValueInfo("ids", 7, -1))
                .Message(12, ValueInfo("y", 1, -1, Outputs));
            return new ProtoWriter()
                .Varint(1, 8)
                .Message(8, new ProtoWriter().String(1, "").Varint(2, 17))
                .Message(7, graph)
                .WrittenSpan.ToArray();
        }

        public static float[] Run(byte[] model, long[] ids)
        {
            using var session = new InferenceSession(model);
            using var input = OrtValue.CreateTensorValueFromMemory(ids, [ids.Length]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["ids"], [input], ["y"]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        private static ProtoWriter Node(string op, string[] inputs, string[] outputs, string name)
        {
            var node = new ProtoWriter();
            foreach (var i in inputs) node.String(1, i);
            foreach (var o in outputs) node.String(2, o);
            return node.String(3, name).String(4, op);
        }

        private static ProtoWriter Tensor(string name, long[] dims, float[] values)
        {
            var tensor = new ProtoWriter();
            foreach (var d in dims) tensor.Varint(1, d);
            return tensor.Varint(2, 1).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
        }

        /// <summary>A tensor's name, element type and shape (-1: a dimension left free).</summary>
        private static ProtoWriter ValueInfo(string name, int elementType, params long[] dims)
        {
            var shape = new ProtoWriter();
            foreach (var d in dims)
                shape.Message(1, d >= 0 ? new ProtoWriter().Varint(1, d) : new ProtoWriter().String(2, "n"));
            var tensorType = new ProtoWriter().Varint(1, elementType).Message(2, shape);
            return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
        }
    }
}
