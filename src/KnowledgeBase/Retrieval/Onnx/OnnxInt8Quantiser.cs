using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace KnowledgeBase.Retrieval.Onnx;

/// <summary>What <see cref="OnnxInt8Quantiser"/> quantises.</summary>
/// <param name="WordEmbeddings">Also store the large embedding tables read by <c>Gather</c> (the vocabulary) as int8 with one scale per row.</param>
/// <param name="KeepFloat">Node names (or their starts) whose weights stay float, e.g. a first or last layer that loses too much.</param>
public sealed record Int8QuantiserOptions(bool WordEmbeddings = true, IReadOnlyList<string>? KeepFloat = null)
{
    internal bool Keeps(string nodeName) => KeepFloat?.Any(k => nodeName.StartsWith(k, StringComparison.Ordinal)) == true;

    /// <summary>A short text that changes whenever the options change what is written (part of the cache key).</summary>
    public string Describe() =>
        (WordEmbeddings ? "emb8" : "embf") + (KeepFloat is { Count: > 0 } ? "-keep:" + string.Join(",", KeepFloat) : "");
}

/// <summary>
/// Rewrites a float ONNX transformer into one with int8 weights, in the way ONNX Runtime's own dynamic quantisation
/// does: every <c>MatMul</c> whose second input is a constant 2-D float matrix becomes the <c>com.microsoft</c>
/// <c>DynamicQuantizeMatMul</c> with symmetric int8 weights and one scale per output column (activations are
/// quantised on the fly per call); a large embedding table read by <c>Gather</c> becomes int8 rows with one scale
/// per row (gathered, cast and multiplied back). Everything else (layer norms, biases, the small position and
/// token-type tables, the graph's inputs and outputs) is written back byte for byte. Deterministic: the same input
/// and options give the same bytes.
/// </summary>
public static class OnnxInt8Quantiser
{
    /// <summary>Changes whenever the written graph would differ for the same input; part of the cache key.</summary>
    public const int Version = 1;

    private const int FloatType = 1;
    private const int Int8Type = 3;
    private const int EmbeddingTableMinRows = 1024;
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>Writes the int8 model to <paramref name="output"/>; <paramref name="metadata"/> goes into the model's metadata_props.</summary>
    public static void Quantise(ReadOnlyMemory<byte> model, Int8QuantiserOptions options, IReadOnlyDictionary<string, string>? metadata, Stream output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var modelFields = ProtoWire.Read(model);
        var graphFields = ProtoWire.Read(modelFields.Single(f => f.Number == ModelGraph).Bytes);

        var initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var f in graphFields.Where(f => f.Number == GraphInitializer))
        {
            var t = Tensor.Parse(f.Bytes);
            initializers[t.Name] = t;
        }
        var nodes = graphFields.Where(f => f.Number == GraphNode).Select(f => Node.Parse(f.Bytes)).ToList();
        var hasSubgraphs = nodes.Any(n => n.HasSubgraph);

        var written = new List<ReadOnlyMemory<byte>>();
        var added = new List<Piece>();
        var quantised = new Dictionary<string, (string Values, string Scales)>(StringComparer.Ordinal);
        var uses = nodes.SelectMany(n => n.Inputs).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        foreach (var node in nodes)
        {
            if (node.Domain.Length == 0 && node.OpType == "MatMul" && node.Inputs.Count == 2 && !options.Keeps(node.Name)
                && initializers.TryGetValue(node.Inputs[1], out var weight) && weight is { DataType: FloatType, Dims.Length: 2 })
            {
                if (!quantised.TryGetValue(weight.Name, out var q))
                {
                    q = (weight.Name + "_int8", weight.Name + "_scale");
                    added.AddRange(Quantised(q, weight, [weight.Dims[1]], PerColumn));
                    quantised[weight.Name] = q;
                }
                written.Add(Node.Write("DynamicQuantizeMatMul", MicrosoftDomain, node.Name + "_int8", [node.Inputs[0], q.Values, q.Scales], node.Outputs).WrittenSpan.ToArray());
                uses[weight.Name]--;
            }
            else if (options.WordEmbeddings && node.Domain.Length == 0 && node.OpType == "Gather" && node.Inputs.Count == 2 && node.Axis == 0
                && !options.Keeps(node.Name) && initializers.TryGetValue(node.Inputs[0], out var table)
                && table is { DataType: FloatType, Dims.Length: 2 } && table.Dims[0] >= EmbeddingTableMinRows)
            {
                if (!quantised.TryGetValue(table.Name, out var q))
                {
                    q = (table.Name + "_int8", table.Name + "_row_scale");
                    added.AddRange(Quantised(q, table, [table.Dims[0], 1], PerRow));
                    quantised[table.Name] = q;
                }
                var ids = node.Inputs[1];
                var prefix = node.Name + "_int8";
                written.Add(Node.Write("Gather", "", prefix + "_rows", [q.Values, ids], [prefix + "_rows_out"]).WrittenSpan.ToArray());
                written.Add(Node.Write("Cast", "", prefix + "_cast", [prefix + "_rows_out"], [prefix + "_cast_out"], ("to", FloatType)).WrittenSpan.ToArray());
                written.Add(Node.Write("Gather", "", prefix + "_scales", [q.Scales, ids], [prefix + "_scales_out"]).WrittenSpan.ToArray());
                written.Add(Node.Write("Mul", "", prefix + "_mul", [prefix + "_cast_out", prefix + "_scales_out"], node.Outputs).WrittenSpan.ToArray());
                uses[table.Name]--;
            }
            else
            {
                written.Add(node.Original());
            }
        }

        // A float weight no node reads any more is dropped (kept if a subgraph might read it: this code does not look inside).
        var dropped = hasSubgraphs
            ? new HashSet<string>(StringComparer.Ordinal)
            : quantised.Keys.Where(name => uses.GetValueOrDefault(name) == 0).ToHashSet(StringComparer.Ordinal);

        // The graph's fields as pieces of known size, written one after the other: a new int8 tensor is computed when
        // its turn comes and dropped once written, so building needs the float model and one tensor at a time.
        var graph = new List<Piece>();
        foreach (var n in written) graph.Add(Piece.Of(new ProtoWriter().Bytes(GraphNode, n.Span).ToArray()));
        written.Clear();
        foreach (var f in graphFields)
        {
            var keep = f.Number switch
            {
                GraphNode => false,
                GraphInitializer => !dropped.Contains(Tensor.NameOf(f.Bytes)),
                GraphInput or GraphValueInfo => !dropped.Contains(ValueInfoName(f.Bytes)),
                _ => true,
            };
            if (keep) graph.Add(Piece.Of(new ProtoWriter().Field(f).ToArray()));
        }
        graph.AddRange(added);
        added.Clear();

        var head = new ProtoWriter();
        var hasMicrosoftOpset = false;
        foreach (var f in modelFields.Where(f => f.Number != ModelGraph))
        {
            if (f.Number == ModelOpsetImport && ProtoWire.Read(f.Bytes).Any(o => o.Number == 1 && o.String == MicrosoftDomain)) hasMicrosoftOpset = true;
            head.Field(f);
        }
        if (!hasMicrosoftOpset) head.Message(ModelOpsetImport, new ProtoWriter().String(1, MicrosoftDomain).Varint(2, 1));
        foreach (var (key, value) in (metadata ?? new Dictionary<string, string>()).OrderBy(m => m.Key, StringComparer.Ordinal))
            head.Message(ModelMetadataProps, new ProtoWriter().String(1, key).String(2, value));
        head.LengthPrefix(ModelGraph, graph.Sum(p => p.Size));
        output.Write(head.WrittenSpan);
        for (var i = 0; i < graph.Count; i++)
        {
            graph[i].Write(output);
            graph[i] = Piece.Written;
        }
    }

    /// <summary>A graph field whose encoded size is known before its bytes are.</summary>
    private sealed record Piece(long Size, Action<Stream> Write)
    {
        public static readonly Piece Written = new(0, _ => { });

        public static Piece Of(byte[] encoded) => new(encoded.Length, s => s.Write(encoded));
    }

    /// <summary>The int8 values and the scales of one weight, as two initializers computed when the first is written.</summary>
    private static Piece[] Quantised((string Values, string Scales) names, Tensor weight, long[] scaleDims, Func<Tensor, (sbyte[] Values, float[] Scales)> quantise)
    {
        (sbyte[] Values, float[] Scales)? computed = null;
        var scaleCount = scaleDims.Aggregate(1L, (a, d) => a * d);
        return
        [
            TensorPiece(names.Values, Int8Type, weight.Dims, weight.Dims.Aggregate(1L, (a, d) => a * d), s =>
            {
                computed = quantise(weight);
                s.Write(MemoryMarshal.AsBytes(computed.Value.Values.AsSpan()));
            }),
            TensorPiece(names.Scales, FloatType, scaleDims, scaleCount * 4, s =>
            {
                s.Write(MemoryMarshal.AsBytes(computed!.Value.Scales.AsSpan()));
                computed = null;
            }),
        ];
    }

    private static Piece TensorPiece(string name, int dataType, long[] dims, long rawLength, Action<Stream> writeRaw)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Writing tensors needs a little-endian machine.");
        var header = new ProtoWriter();
        foreach (var d in dims) header.Varint(1, d);
        header.Varint(2, dataType).String(8, name).LengthPrefix(9, rawLength);
        var headerBytes = header.ToArray();
        var prefix = new ProtoWriter().LengthPrefix(GraphInitializer, headerBytes.Length + rawLength).ToArray();
        return new Piece(prefix.Length + headerBytes.Length + rawLength, s =>
        {
            s.Write(prefix);
            s.Write(headerBytes);
            writeRaw(s);
        });
    }

    /// <summary>The int8 model as bytes (see the other overload).</summary>
    public static byte[] Quantise(ReadOnlyMemory<byte> model, Int8QuantiserOptions options, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var output = new MemoryStream();
        Quantise(model, options, metadata, output);
        return output.ToArray();
    }

    /// <summary>Symmetric int8 with one scale per column of a [K, N] matrix: w ≈ q * scale[n], q in -127..127.</summary>
    internal static (sbyte[] Values, float[] Scales) PerColumn(Tensor weight)
    {
        var w = weight.Floats();
        int rows = (int)weight.Dims[0], cols = (int)weight.Dims[1];
        var scales = new float[cols];
        for (var k = 0; k < rows; k++)
            for (var n = 0; n < cols; n++) scales[n] = MathF.Max(scales[n], MathF.Abs(w[k * cols + n]));
        for (var n = 0; n < cols; n++) scales[n] = scales[n] > 0 ? scales[n] / 127f : 1f;
        var values = new sbyte[w.Length];
        for (var k = 0; k < rows; k++)
            for (var n = 0; n < cols; n++) values[k * cols + n] = ToInt8(w[k * cols + n] / scales[n]);
        return (values, scales);
    }

    /// <summary>Symmetric int8 with one scale per row of a [rows, width] table.</summary>
    internal static (sbyte[] Values, float[] Scales) PerRow(Tensor table)
    {
        var w = table.Floats();
        int rows = (int)table.Dims[0], width = (int)table.Dims[1];
        var scales = new float[rows];
        var values = new sbyte[w.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = w.Slice(r * width, width);
            var max = 0f;
            foreach (var x in row) max = MathF.Max(max, MathF.Abs(x));
            scales[r] = max > 0 ? max / 127f : 1f;
            for (var i = 0; i < width; i++) values[r * width + i] = ToInt8(row[i] / scales[r]);
        }
        return (values, scales);
    }

    private static sbyte ToInt8(float x) => (sbyte)Math.Clamp(MathF.Round(x, MidpointRounding.ToEven), -127f, 127f);

    private static string ValueInfoName(ReadOnlyMemory<byte> valueInfo) =>
        ProtoWire.Read(valueInfo).FirstOrDefault(f => f.Number == 1).String ?? "";

    // ONNX field numbers (onnx.proto).
    private const int ModelOpsetImport = 8;
    private const int ModelGraph = 7;
    private const int ModelMetadataProps = 14;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphValueInfo = 13;

    internal sealed class Tensor
    {
        public required string Name { get; init; }
        public required long[] Dims { get; init; }
        public int DataType { get; init; }
        private ReadOnlyMemory<byte> Raw { get; init; }
        private ReadOnlyMemory<byte> FloatData { get; init; }

        public static Tensor Parse(ReadOnlyMemory<byte> bytes)
        {
            var fields = ProtoWire.Read(bytes);
            if (fields.Any(f => f.Number == 14 && f.Value == 1))
                throw new InvalidDataException("The model keeps its weights in external files; only self-contained models can be quantised.");
            return new Tensor
            {
                Name = fields.FirstOrDefault(f => f.Number == 8).String ?? "",
                Dims = [.. ProtoWire.Varints(fields, 1)],
                DataType = (int)fields.FirstOrDefault(f => f.Number == 2).Value,
                Raw = fields.FirstOrDefault(f => f.Number == 9).Bytes,
                FloatData = fields.FirstOrDefault(f => f.Number == 4 && f.WireType == ProtoField.LengthDelimited).Bytes,
            };
        }

        public static string NameOf(ReadOnlyMemory<byte> bytes) => ProtoWire.Read(bytes).FirstOrDefault(f => f.Number == 8).String ?? "";

        /// <summary>The values of a float tensor, little-endian on the wire whether in raw_data or float_data.</summary>
        public ReadOnlySpan<float> Floats()
        {
            var bytes = Raw.Length > 0 ? Raw : FloatData;
            var count = Dims.Aggregate(1L, (a, d) => a * d);
            if (bytes.Length != count * 4) throw new InvalidDataException($"Initializer {Name} holds {bytes.Length} bytes for {count} floats.");
            if (BitConverter.IsLittleEndian) return MemoryMarshal.Cast<byte, float>(bytes.Span);
            var values = new float[count];
            for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Span[(i * 4)..]);
            return values;
        }
    }

    private sealed class Node
    {
        private ReadOnlyMemory<byte> bytes;
        public List<string> Inputs { get; } = [];
        public List<string> Outputs { get; } = [];
        public string Name { get; private set; } = "";
        public string OpType { get; private set; } = "";
        public string Domain { get; private set; } = "";
        public long Axis { get; private set; }
        public bool HasSubgraph { get; private set; }

        public static Node Parse(ReadOnlyMemory<byte> bytes)
        {
            var node = new Node { bytes = bytes };
            foreach (var f in ProtoWire.Read(bytes))
            {
                switch (f.Number)
                {
                    case 1: node.Inputs.Add(f.String); break;
                    case 2: node.Outputs.Add(f.String); break;
                    case 3: node.Name = f.String; break;
                    case 4: node.OpType = f.String; break;
                    case 7: node.Domain = f.String == "ai.onnx" ? "" : f.String; break;
                    case 5:
                        var attribute = ProtoWire.Read(f.Bytes);
                        if (attribute.Any(a => a.Number is 6 or 11)) node.HasSubgraph = true;
                        if (attribute.FirstOrDefault(a => a.Number == 1).String == "axis")
                            node.Axis = (long)attribute.FirstOrDefault(a => a.Number == 3).Value;
                        break;
                    default: break;
                }
            }
            return node;
        }

        public ReadOnlyMemory<byte> Original() => bytes;

        public static ProtoWriter Write(string opType, string domain, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, (string Name, long Value)? intAttribute = null)
        {
            var w = new ProtoWriter();
            foreach (var i in inputs) w.String(1, i);
            foreach (var o in outputs) w.String(2, o);
            w.String(3, name);
            w.String(4, opType);
            if (intAttribute is { } a)
                w.Message(5, new ProtoWriter().String(1, a.Name).Varint(3, a.Value).Varint(20, 2)); // type 2: INT
            if (domain.Length > 0) w.String(7, domain);
            return w;
        }
    }
}
