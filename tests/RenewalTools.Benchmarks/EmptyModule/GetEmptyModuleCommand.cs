using System.Management.Automation;

namespace EmptyModule
{
    /// <summary>Does nothing: the module exists only so that importing it can be timed.</summary>
    [Cmdlet(VerbsCommon.Get, "EmptyModule")]
    [OutputType(typeof(bool))]
    public sealed class GetEmptyModuleCommand : Cmdlet
    {
        protected override void ProcessRecord() => WriteObject(true);
    }
}
