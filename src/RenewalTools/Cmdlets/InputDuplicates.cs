using System;
using System.Collections.Generic;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// The run-wide duplicate check: an instance listed again is done once, by its first row. Instance ID -> its batch key
    /// is the one per-input cost that grows with input (about 100 bytes an instance); keys are shared, so rows with the
    /// same settings store one string.
    /// </summary>
    internal sealed class InputDuplicates
    {
        private readonly Dictionary<string, string> _seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _keys = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Null for an instance not seen yet; else whether its earlier row asked for the same (same batch key).</summary>
        public bool? SeenBefore(string instanceId, string batchKey, out string sharedKey)
        {
            if (_keys.TryGetValue(batchKey, out var shared))
            {
                sharedKey = shared;
            }
            else
            {
                _keys[batchKey] = batchKey;
                sharedKey = batchKey;
            }
            return _seen.TryGetValue(instanceId, out var earlier) ? earlier == sharedKey : (bool?)null;
        }

        /// <summary>Records the instance as handled by this row.</summary>
        public void Add(string instanceId, string sharedKey) => _seen[instanceId] = sharedKey;
    }
}
