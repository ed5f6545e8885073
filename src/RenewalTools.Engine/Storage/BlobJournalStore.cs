using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using RenewalTools.Engine;

namespace RenewalTools.Storage
{
    /// <summary>
    /// The journal as an append blob: the run leases the blob (so it is held by one run at a time, and a run whose lease
    /// lapsed can no longer write: every append carries the lease ID), reads it back, then appends each line at the
    /// position it expects. An intent is appended before the request leaves; outcomes are gathered and appended within a
    /// second (or with the next intent), so a 1,000-instance run makes tens of appends, not thousands (the service allows
    /// 50,000 blocks per blob).
    /// </summary>
    internal sealed class BlobJournalStore : IJournalStore
    {
        /// <summary>Under the 4 MiB block limit of older service versions.</summary>
        private const int MaxBlock = 4 * 1024 * 1024 - 1024;
        private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);
        private readonly object _gate = new object();
        private readonly BlobClient _client;
        private readonly BlobLease _lease;
        private readonly string _existing;
        private readonly List<byte[]> _pending = new List<byte[]>();
        private readonly Timer _flusher;
        private long _position;
        private Exception? _broken;

        private BlobJournalStore(BlobClient client, BlobLease lease, string existing, long position)
        {
            _client = client;
            _lease = lease;
            _existing = existing;
            _position = position;
            _flusher = new Timer(_ => FlushQuietly(), null, FlushEvery, FlushEvery);
        }

        public string Location => _client.Address.Display;

        /// <summary>Creates the blob if absent, leases it and reads it; throws <see cref="JournalInUseException"/> when another run holds it.</summary>
        public static BlobJournalStore Open(BlobClient client, Action<string> lost)
        {
            var lease = BlobLease.TryAcquire(client, lost)
                ?? throw new JournalInUseException("The journal " + client.Address.Display + " is in use by another run (its blob is leased). Wait for that run to finish (a run that died frees it within a minute); two runs must not write one journal.");
            try
            {
                var (text, length) = client.Get(0);
                return new BlobJournalStore(client, lease, text, length);
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }

        public TextReader ReadExisting() => new StringReader(_existing);

        public void Append(byte[] line, bool durable)
        {
            lock (_gate)
            {
                _pending.Add(line);
                if (durable)
                {
                    Flush();
                }
            }
        }

        public void Dispose()
        {
            _flusher.Dispose();
            try
            {
                lock (_gate)
                {
                    Flush();
                }
            }
            finally
            {
                _lease.Dispose();
            }
        }

        private void FlushQuietly()
        {
            lock (_gate)
            {
                try
                {
                    Flush();
                }
                catch (IOException)
                {
                    // Kept in _broken: the next intent fails with it, so nothing more is sent.
                }
            }
        }

        private void Flush()
        {
            if (_broken != null)
            {
                throw new BlobStorageException("The journal " + Location + " can no longer be written, so nothing more is sent: " + _broken.Message, 0, (_broken as BlobStorageException)?.ErrorCode);
            }
            while (_pending.Count > 0)
            {
                var take = 1;
                var size = _pending[0].Length;
                while (take < _pending.Count && size + _pending[take].Length <= MaxBlock)
                {
                    size += _pending[take++].Length;
                }
                var block = _pending.Take(take).SelectMany(l => l).ToArray();
                try
                {
                    AppendAt(block);
                }
                catch (IOException ex)
                {
                    _broken = ex;
                    throw;
                }
                _pending.RemoveRange(0, take);
            }
        }

        /// <summary>
        /// Appends at the expected position. After no answer, a 5xx or a 412 on the position, the blob's length tells what
        /// happened (learn: append-block, "x-ms-blob-condition-appendpos"): still at our position → the block did not land
        /// and resending is harmless (the condition lets only one copy in); longer by exactly our block, holding our bytes →
        /// it landed; anything else → someone else wrote, and the journal stops.
        /// </summary>
        private void AppendAt(byte[] block)
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var answer = _client.AppendBlock(block, _position, _lease.Id);
                if (answer.Status == 201)
                {
                    _position += block.Length;
                    return;
                }
                var code = BlobClient.ErrorCode(answer);
                var unsure = answer.TransportFailure != null || answer.Status >= 500 || code == "AppendPositionConditionNotMet";
                if (!unsure)
                {
                    throw _client.Failure("Appending to", answer);
                }
                var length = _client.GetLength();
                if (length == _position + block.Length && Landed(block))
                {
                    _position = length;
                    return;
                }
                if (length != _position)
                {
                    throw new BlobStorageException("The journal " + Location + " changed under this run (expected " + _position + " bytes, found " + length + "): another writer appended to it.", answer.Status, code);
                }
                Thread.Sleep(300 * attempt);
            }
            throw new BlobStorageException("The journal " + Location + " could not be appended to after three attempts.");
        }

        private bool Landed(byte[] block)
        {
            var (tail, _) = _client.Get(_position);
            return System.Text.Encoding.UTF8.GetBytes(tail).SequenceEqual(block);
        }
    }
}
