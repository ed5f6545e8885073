using System.IO;
using System.Text;

namespace RenewalTools.Engine
{
    /// <summary>The journal as a local file, held through a lock file next to it; intents are flushed to disk (fsync).</summary>
    internal sealed class FileJournalStore : IJournalStore
    {
        private readonly object _gate = new object();
        private readonly FileStream _lockFile;
        private readonly FileStream _stream;

        private FileJournalStore(string path, FileStream lockFile, FileStream stream)
        {
            Location = path;
            _lockFile = lockFile;
            _stream = stream;
        }

        public string Location { get; }

        /// <summary>Takes the journal (creating its folder); throws <see cref="JournalInUseException"/> if another run holds it.</summary>
        public static FileJournalStore Open(string path)
        {
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            FileStream lockFile;
            try
            {
                lockFile = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                throw new JournalInUseException("The journal " + full + " is in use by another run (lock file " + full + ".lock). Wait for that run to finish; two runs must not write one journal.");
            }
            try
            {
                return new FileJournalStore(full, lockFile, new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None));
            }
            catch
            {
                lockFile.Dispose();
                throw;
            }
        }

        /// <summary>A reader of the file as it is now (empty when there is none), for runs and for summaries alike.</summary>
        public static TextReader ReadFile(string path) => File.Exists(path)
            ? new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8)
            : (TextReader)new StringReader("");

        public TextReader ReadExisting() => ReadFile(Location);

        public void Append(byte[] line, bool durable)
        {
            lock (_gate)
            {
                _stream.Write(line, 0, line.Length);
                _stream.Flush(durable);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stream.Flush(true);
                _stream.Dispose();
                _lockFile.Dispose();
            }
        }
    }
}
