using System;
using RenewalTools.Storage;

namespace RenewalTools.Tests.Storage
{
    /// <summary>"Another run" holding a blob's lease, through the module's own client.</summary>
    internal static class BlobLeaseHolder
    {
        public static IDisposable Take(string blobUrl)
        {
            var address = BlobAddress.Parse(blobUrl, containerOnly: false);
            var client = new BlobClient(address, new SasCredential(address.Sas!, "test"));
            return BlobLease.TryAcquire(client, _ => { }) ?? throw new InvalidOperationException("The blob is leased already.");
        }
    }
}
