using System;
using System.Management.Automation;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// True or false, on the command line too: PowerShell turns any non-empty string into $true, so "False" would mean
    /// true. Same rule as a row's cell (<see cref="InputRules.ParseBoolean"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class StrictBooleanAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
            WholeNumberAttribute.Parse<bool>(inputData, InputRules.ParseBoolean);
    }
}
