using System;
using System.Globalization;
using System.Management.Automation;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// A whole number or nothing. PowerShell's own [int] conversion rounds "1.5" to 2, which would renew (and charge) a
    /// period nobody asked for; an empty CSV cell means "not given".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class WholeNumberAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case int or long or short or byte or sbyte or uint or ushort or ulong:
                    return value;
                case string text when string.IsNullOrWhiteSpace(text):
                    return null;
                case string text:
                    if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return parsed;
                    }
                    throw new ArgumentTransformationMetadataException("'" + text + "' is not a whole number.");
                case double or float or decimal:
                    var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    if (decimal.Truncate(number) != number)
                    {
                        throw new ArgumentTransformationMetadataException(number.ToString(CultureInfo.InvariantCulture) + " is not a whole number; renewals are by whole months, weeks or days.");
                    }
                    return (int)number;
                default:
                    return value;
            }
        }
    }

    /// <summary>
    /// True or false from a CSV cell too. PowerShell turns any non-empty string into $true, so "False" would mean true;
    /// this accepts true/false, yes/no, 1/0 (any case) and treats an empty cell as "not given".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class StrictBooleanAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case bool:
                    return value;
                case SwitchParameter switchValue:
                    return switchValue.IsPresent;
                case int number when number == 0 || number == 1:
                    return number == 1;
                case string text when string.IsNullOrWhiteSpace(text):
                    return null;
                case string text:
                    switch (text.Trim().ToUpperInvariant())
                    {
                        case "TRUE":
                        case "YES":
                        case "1":
                        case "$TRUE":
                            return true;
                        case "FALSE":
                        case "NO":
                        case "0":
                        case "$FALSE":
                            return false;
                    }
                    throw new ArgumentTransformationMetadataException("'" + text + "' is not true or false.");
                default:
                    throw new ArgumentTransformationMetadataException("'" + value + "' is not true or false.");
            }
        }
    }
}
