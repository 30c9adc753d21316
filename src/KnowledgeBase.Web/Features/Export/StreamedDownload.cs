using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace KnowledgeBase.Web.Features.Export;

/// <summary>
/// A download written by a synchronous writer (the pure writers in Interchange/Writing) and sent to the
/// client while it is being written: the writer runs on a worker thread into a bounded pipe, the request
/// copies the pipe to the response body. Memory stays at the pipe's limit however large the export.
/// Headers go out with the first bytes, so a writer that fails before writing anything still gives an
/// error page; one that fails later can only cut the download short (the client sees a broken transfer).
/// </summary>
internal sealed class StreamedDownload(string contentType, string fileName, Action<Stream> write) : IActionResult
{
    private const int ChunkSize = 64 * 1024;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var cancellation = context.HttpContext.RequestAborted;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 16 * ChunkSize, resumeWriterThreshold: 8 * ChunkSize, useSynchronizationContext: false));
        var producer = Task.Run(() =>
        {
            try
            {
                // The writers write small pieces (and some flush after every record); the stream gathers them
                // in the pipe's own memory and hands the reader a chunk at a time.
                using var stream = new PipeStream(pipe.Writer);
                write(stream);
                stream.Push();
                pipe.Writer.Complete();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                pipe.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            var read = await pipe.Reader.ReadAsync(cancellation);
            response.ContentType = contentType.StartsWith("text/", StringComparison.Ordinal) ? contentType + "; charset=utf-8" : contentType;
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();
            response.Headers.CacheControl = "no-store";
            while (true)
            {
                foreach (var segment in read.Buffer) await response.Body.WriteAsync(segment, cancellation);
                pipe.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted) break;
                read = await pipe.Reader.ReadAsync(cancellation);
            }
        }
        finally
        {
            // Stops the writer too if the client went away (its next write fails).
            await pipe.Reader.CompleteAsync();
            await producer;
        }
    }

    /// <summary>
    /// A write-only stream into the pipe: bytes go straight into the pipe's buffers and are made visible to
    /// the reader once a chunk has gathered (or at the end). <see cref="Flush"/> does not push: the writers
    /// flush per record, and a push per record would wake the reader and write to the socket for a few
    /// hundred bytes. Blocks while the pipe is full and stops the writer once nobody reads.
    /// </summary>
    private sealed class PipeStream(PipeWriter writer) : Stream
    {
        private int _gathered;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            writer.Write(buffer);
            _gathered += buffer.Length;
            if (_gathered >= ChunkSize) Push();
        }

        /// <summary>Makes what was written visible to the reader.</summary>
        public void Push()
        {
            _gathered = 0;
            // Runs on the writer's worker thread: waiting here is the back-pressure that keeps memory flat.
            var result = writer.FlushAsync().AsTask().GetAwaiter().GetResult();
            if (result.IsCompleted || result.IsCanceled) throw new OperationCanceledException("the download was stopped before it was complete");
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
