using System;
using System.IO;

namespace RenewalTools.Engine
{
    /// <summary>Where a journal's lines live: a local file, or an append blob every machine sees. Held by one run at a time.</summary>
    internal interface IJournalStore : IDisposable
    {
        /// <summary>Safe to show in messages (a blob URL's SAS signature is masked).</summary>
        string Location { get; }

        /// <summary>The lines written before this run took the store.</summary>
        TextReader ReadExisting();

        /// <summary>Appends one line; when <paramref name="durable"/>, it is on disk or in the blob before this returns.</summary>
        void Append(byte[] line, bool durable);
    }
}
