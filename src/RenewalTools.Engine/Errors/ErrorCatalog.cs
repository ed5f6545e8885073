using System;
using System.Collections.Generic;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Clients.Tencent;
using RenewalTools.Engine;
using RenewalTools.Transport;

namespace RenewalTools.Errors
{
    /// <summary>
    /// A table of error codes, named and classified; lookup falls back from "A.B.C" to "A.B" to "A". Each cloud's
    /// table lives beside its client (TencentErrors, AlibabaErrors), the module's own beside the code that assigns them
    /// (TransportErrors, ReadErrors, SpendErrors); the static properties below name them all.
    /// </summary>
    internal sealed class ErrorCatalog
    {
        private readonly Dictionary<string, ErrorClass> _byCode = new Dictionary<string, ErrorClass>(StringComparer.Ordinal);

        public ErrorCatalog()
        {
        }

        public IEnumerable<ErrorClass> All => _byCode.Values;

        public bool Contains(string code) => _byCode.ContainsKey(code);

        /// <summary>Classifies a cloud error code; unknown codes are final, and 5xx without a known code may have executed.</summary>
        public ErrorClass Classify(string code, int httpStatus = 200) => TryClassify(code, out var known) ? known : Unrecognised(code, httpStatus);

        /// <summary>Finds the code, or its nearest documented parent ("A.B.C", then "A.B", then "A").</summary>
        public bool TryClassify(string code, out ErrorClass found)
        {
            var probe = code;
            while (true)
            {
                if (_byCode.TryGetValue(probe, out var entry))
                {
                    found = entry.Code == code ? entry : new ErrorClass(code, entry.Kind, entry.Category, entry.Scope, entry.Meaning, entry.ClockSkew);
                    return true;
                }
                var dot = probe.LastIndexOf('.');
                if (dot <= 0)
                {
                    found = null!;
                    return false;
                }
                probe = probe.Substring(0, dot);
            }
        }

        private static ErrorClass Unrecognised(string code, int httpStatus)
        {
            if (code.IndexOf("Throttling", StringComparison.Ordinal) >= 0)
            {
                // Alibaba's SDK treats any code containing "Throttling" as flow control (§5.4).
                return new ErrorClass(code, ErrorKind.SafeToRetry, FailureCategory.LimitsExceeded, ErrorScope.Request, "The cloud throttled the request.");
            }
            return httpStatus >= 500
                ? new ErrorClass(code, ErrorKind.MayHaveExecuted, FailureCategory.NotSpecified, ErrorScope.Request, "Unrecognised server error; the request may have executed.")
                : new ErrorClass(code, ErrorKind.Final, FailureCategory.NotSpecified, ErrorScope.Request, "Unrecognised error code; see the cloud's error-code page.");
        }

        public ErrorCatalog Copy()
        {
            var copy = new ErrorCatalog();
            foreach (var entry in _byCode)
            {
                copy._byCode[entry.Key] = entry.Value;
            }
            return copy;
        }

        public ErrorCatalog Add(string code, ErrorKind kind, FailureCategory category, ErrorScope scope, string meaning, bool clockSkew = false)
        {
            _byCode[code] = new ErrorClass(code, kind, category, scope, meaning, clockSkew);
            return this;
        }

        public ErrorCatalog Final(string code, FailureCategory category, ErrorScope scope, string meaning) => Add(code, ErrorKind.Final, category, scope, meaning);

        public ErrorCatalog Retry(string code, FailureCategory category, string meaning) => Add(code, ErrorKind.SafeToRetry, category, ErrorScope.Request, meaning);

        public ErrorCatalog Unsure(string code, FailureCategory category, string meaning) => Add(code, ErrorKind.MayHaveExecuted, category, ErrorScope.Request, meaning);

        /// <summary>The table in <see cref="TransportErrors.Catalog"/>.</summary>
        public static ErrorCatalog Transport => TransportErrors.Catalog;

        /// <summary>The table in <see cref="ReadErrors.Catalog"/>.</summary>
        public static ErrorCatalog Reads => ReadErrors.Catalog;

        /// <summary>The table in <see cref="TencentErrors.Api3"/>.</summary>
        public static ErrorCatalog TencentApi3 => TencentErrors.Api3;

        /// <summary>The table in <see cref="TencentErrors.Legacy"/>.</summary>
        public static ErrorCatalog TencentLegacy => TencentErrors.Legacy;

        /// <summary>The table in <see cref="AlibabaErrors.Ecs"/>.</summary>
        public static ErrorCatalog Alibaba => AlibabaErrors.Ecs;

        /// <summary>The table in <see cref="AlibabaErrors.Bss"/>.</summary>
        public static ErrorCatalog AlibabaBss => AlibabaErrors.Bss;

        /// <summary>The table in <see cref="SpendErrors.Catalog"/>.</summary>
        public static ErrorCatalog Spend => SpendErrors.Catalog;
    }
}
