using System.Buffers;
using System.Text;

namespace KnowledgeBase.Retrieval.Onnx;

/// <summary>One field of a protobuf message as it lies on the wire: a varint (or fixed) value, or the bytes of a length-delimited field.</summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Bytes)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public string String => Encoding.UTF8.GetString(Bytes.Span);
}

/// <summary>
/// The protobuf wire format, just enough to read an ONNX model and write it back with some nodes and initializers
/// replaced: every field is kept as it was read unless the caller rewrites it, so parts of the format this code
/// does not know about pass through untouched.
/// </summary>
internal static class ProtoWire
{
    public static List<ProtoField> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = ReadVarint(span, ref at);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case ProtoField.Varint:
                    fields.Add(new ProtoField(number, wireType, ReadVarint(span, ref at), default));
                    break;
                case ProtoField.Fixed64:
                    Need(span, at, 8);
                    fields.Add(new ProtoField(number, wireType, BitConverter.ToUInt64(span.Slice(at, 8)), message.Slice(at, 8)));
                    at += 8;
                    break;
                case ProtoField.Fixed32:
                    Need(span, at, 4);
                    fields.Add(new ProtoField(number, wireType, BitConverter.ToUInt32(span.Slice(at, 4)), message.Slice(at, 4)));
                    at += 4;
                    break;
                case ProtoField.LengthDelimited:
                    var length = ReadVarint(span, ref at);
                    if (length > (ulong)(span.Length - at)) throw new InvalidDataException("A protobuf field runs past the end of its message.");
                    fields.Add(new ProtoField(number, wireType, length, message.Slice(at, (int)length)));
                    at += (int)length;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wireType} (field {number}).");
            }
        }
        return fields;
    }

    /// <summary>The values of a repeated varint field, packed or not.</summary>
    public static IEnumerable<long> Varints(IEnumerable<ProtoField> fields, int number)
    {
        foreach (var f in fields.Where(f => f.Number == number))
        {
            if (f.WireType == ProtoField.Varint)
            {
                yield return (long)f.Value;
                continue;
            }
            var at = 0;
            var values = new List<long>();
            while (at < f.Bytes.Length) values.Add((long)ReadVarint(f.Bytes.Span, ref at));
            foreach (var v in values) yield return v;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            Need(span, at, 1);
            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("A protobuf varint is longer than ten bytes.");
    }

    private static void Need(ReadOnlySpan<byte> span, int at, int count)
    {
        if (at + count > span.Length) throw new InvalidDataException("A protobuf message ends in the middle of a field.");
    }
}

/// <summary>Writes protobuf fields; nested messages are written to their own writer first and then added as bytes.</summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new();

    public ReadOnlySpan<byte> WrittenSpan => buffer.WrittenSpan;

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    /// <summary>The key and length of a length-delimited field whose bytes the caller writes after these.</summary>
    public ProtoWriter LengthPrefix(int number, long length)
    {
        Key(number, ProtoField.LengthDelimited);
        Varint((ulong)length);
        return this;
    }

    public ProtoWriter Field(ProtoField field)
    {
        Key(field.Number, field.WireType);
        switch (field.WireType)
        {
            case ProtoField.Varint:
                Varint(field.Value);
                break;
            case ProtoField.LengthDelimited:
                Varint((ulong)field.Bytes.Length);
                buffer.Write(field.Bytes.Span);
                break;
            default:
                buffer.Write(field.Bytes.Span);
                break;
        }
        return this;
    }

    public ProtoWriter Varint(int number, long value)
    {
        Key(number, ProtoField.Varint);
        Varint((ulong)value);
        return this;
    }

    public ProtoWriter Bytes(int number, ReadOnlySpan<byte> bytes)
    {
        Key(number, ProtoField.LengthDelimited);
        Varint((ulong)bytes.Length);
        buffer.Write(bytes);
        return this;
    }

    public ProtoWriter String(int number, string text) => Bytes(number, Encoding.UTF8.GetBytes(text));

    public ProtoWriter Message(int number, ProtoWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Bytes(number, message.WrittenSpan);
    }

    private void Key(int number, int wireType) => Varint(((ulong)number << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        Span<byte> bytes = stackalloc byte[10];
        var n = 0;
        while (value >= 0x80)
        {
            bytes[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[n++] = (byte)value;
        buffer.Write(bytes[..n]);
    }
}
