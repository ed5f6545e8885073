using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace RenewalTools.Tests.Harness
{
    /// <summary>
    /// Turns CSV text into the objects Import-Csv emits (that cmdlet is not in the hosted engine): one PSCustomObject
    /// per data row, a string NoteProperty per header in header order, $null for missing trailing fields, extra fields
    /// dropped, blank lines skipped, a leading BOM ignored, RFC 4180 quoting.
    /// </summary>
    public static class Csv
    {
        public static PSObject[] Rows(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }
            var records = Parse(text).Where(r => !(r.Count == 1 && r[0].Length == 0)).ToList();
            if (records.Count == 0)
            {
                return Array.Empty<PSObject>();
            }
            var headers = records[0];
            return records.Skip(1).Select(fields =>
            {
                var row = new PSObject();
                for (var i = 0; i < headers.Count; i++)
                {
                    row.Properties.Add(new PSNoteProperty(headers[i], i < fields.Count ? fields[i] : null));
                }
                return row;
            }).ToArray();
        }

        private static List<List<string>> Parse(string text)
        {
            var records = new List<List<string>>();
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case '"':
                        quoted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        break;
                    case '\r':
                        break;
                    case '\n':
                        fields.Add(field.ToString());
                        field.Clear();
                        records.Add(fields);
                        fields = new List<string>();
                        break;
                    default:
                        field.Append(c);
                        break;
                }
            }
            if (field.Length > 0 || fields.Count > 0)
            {
                fields.Add(field.ToString());
                records.Add(fields);
            }
            return records;
        }
    }
}
