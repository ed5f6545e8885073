using System;
using System.Management.Automation;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Storage;

namespace RenewalTools.Cmdlets
{
    /// <summary>Reads a renewal journal: the latest known result of every instance it records.</summary>
    [Cmdlet(VerbsCommon.Get, "RenewalJournal")]
    [OutputType(typeof(RenewalResult))]
    public sealed class GetRenewalJournalCommand : PSCmdlet
    {
        /// <summary>The journal written by -JournalPath: a file, or a blob URL (credentials as for -JournalPath).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("JournalPath", "FullName")]
        public string Path { get; set; } = "";

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (BlobAddress.IsUrl(Path))
            {
                try
                {
                    var address = BlobAddress.Parse(Path, containerOnly: false);
                    var credential = BlobCredentialResolver.Resolve(address, ProcessEnvironment.Instance);
                    WriteVerbose("Reading " + address.Display + " with credentials from " + credential.Source + ".");
                    using var text = new System.IO.StringReader(new BlobClient(address, credential).Get(0).Text);
                    Write(RenewalJournal.ReadEntries(text, out var ignoredInBlob), ignoredInBlob, address.Display);
                }
                catch (BlobStorageException ex)
                {
                    WriteError(new ErrorRecord(ex, ex.Status == 404 ? "JournalNotFound" : "JournalUnavailable", ErrorCategory.ReadError, SasRedaction.Redact(Path)));
                }
                return;
            }
            var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!System.IO.File.Exists(full))
            {
                WriteError(new ErrorRecord(new System.IO.FileNotFoundException("No journal at " + full + ".", full), "JournalNotFound", ErrorCategory.ObjectNotFound, Path));
                return;
            }
            Write(RenewalJournal.ReadEntries(full, out var ignored), ignored, full);
        }

        private void Write(System.Collections.Generic.IReadOnlyCollection<JournalEntry> entries, int ignored, string full)
        {
            if (ignored > 0)
            {
                WriteWarning(ignored + " unreadable line(s) in " + full + " were ignored (a torn write from a stopped run).");
            }
            foreach (var e in entries)
            {
                var (period, unit) = RenewalJournal.PeriodOf(e.Spec);
                WriteObject(new RenewalResult
                {
                    Service = e.Service,
                    InstanceId = e.InstanceId,
                    Region = e.Region,
                    Period = period,
                    PeriodUnit = unit?.ToString(),
                    Status = e.Status ?? RenewalStatus.Unknown,
                    ErrorCode = e.Status is null ? "NoOutcomeRecorded" : e.ErrorCode,
                    Message = e.Status is null ? "Sent, but no outcome was recorded (the run stopped or died): it may have executed." : null,
                    RequestId = e.RequestId,
                    DealId = e.DealId,
                    OrderId = e.OrderId,
                    ClientToken = e.ClientToken,
                    PreviousExpiry = e.PreviousExpiry,
                    NewExpiry = e.NewExpiry,
                    CompletedAt = e.At ?? DateTimeOffset.MinValue,
                });
            }
        }
    }
}
