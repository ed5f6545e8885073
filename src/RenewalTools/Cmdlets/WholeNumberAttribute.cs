using System;
using System.Management.Automation;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// A whole number or nothing, on the command line: PowerShell's own [int] conversion rounds "1.5" to 2, which would
    /// renew (and charge) a period nobody asked for. Rows are read by the same rule (<see cref="InputRules.ParseWholeNumber"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class WholeNumberAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
            Parse<int>(inputData, InputRules.ParseWholeNumber);

        internal static object? Parse<T>(object? inputData, CellParser<T> parse)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (InputRules.IsBlank(value))
            {
                return null;
            }
            if (value is SwitchParameter switchValue)
            {
                value = switchValue.IsPresent;
            }
            return parse(value!, "The value", out var parsed) is string problem ? throw new ArgumentTransformationMetadataException(problem) : parsed;
        }
    }
}
