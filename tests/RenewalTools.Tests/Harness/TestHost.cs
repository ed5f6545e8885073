using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace RenewalTools.Tests.Harness
{
    /// <summary>The answers a person could give to a ShouldProcess prompt.</summary>
    public enum PromptAnswer
    {
        Yes,
        YesToAll,
        No,
        NoToAll,
    }

    /// <summary>
    /// A PSHost whose confirmation prompts are answered from a script and recorded. Non-interactive, it refuses
    /// prompts the way pwsh -NonInteractive does. What it shows is recorded in <see cref="Lines"/> and, given an echo
    /// writer (the demo's console), written there as well.
    /// </summary>
    public sealed class TestHost : PSHost
    {
        private readonly TestHostUserInterface _ui;

        public TestHost(bool interactive, System.IO.TextWriter? echo = null)
        {
            _ui = new TestHostUserInterface(interactive, echo);
        }

        public Queue<PromptAnswer> Answers => _ui.Answers;

        public List<string> Prompts => _ui.Prompts;

        public List<string> Lines => _ui.Lines;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override string Name => "RenewalTools.TestHost";

        public override PSHostUserInterface UI => _ui;

        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException();

        public override void ExitNestedPrompt() => throw new NotSupportedException();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode)
        {
        }
    }

    internal sealed class TestHostUserInterface : PSHostUserInterface
    {
        private readonly bool _interactive;
        private readonly System.IO.TextWriter? _echo;

        public TestHostUserInterface(bool interactive, System.IO.TextWriter? echo)
        {
            _interactive = interactive;
            _echo = echo;
        }

        public Queue<PromptAnswer> Answers { get; } = new Queue<PromptAnswer>();

        public List<string> Prompts { get; } = new List<string>();

        public List<string> Lines { get; } = new List<string>();

        public override PSHostRawUserInterface RawUI { get; } = new TestRawUserInterface();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            if (!_interactive)
            {
                throw new PSInvalidOperationException("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");
            }
            Prompts.Add(message);
            if (Answers.Count == 0)
            {
                throw new InvalidOperationException("The test gave no answer for prompt: " + message);
            }
            var wanted = Answers.Dequeue() switch
            {
                PromptAnswer.Yes => "&Yes",
                PromptAnswer.YesToAll => "Yes to &All",
                PromptAnswer.No => "&No",
                _ => "No to A&ll",
            };
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i].Label == wanted)
                {
                    return i;
                }
            }
            throw new InvalidOperationException("No choice labelled " + wanted);
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NotInteractive();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NotInteractive();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NotInteractive();

        public override string ReadLine() => throw NotInteractive();

        public override SecureString ReadLineAsSecureString() => throw NotInteractive();

        public override void Write(string value)
        {
            Lines.Add(value);
            _echo?.Write(value);
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value)
        {
            Lines.Add(value);
            _echo?.WriteLine(value);
        }

        public override void WriteErrorLine(string value) => WriteLine(value);

        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

        private static PSInvalidOperationException NotInteractive() => new PSInvalidOperationException("The test host does not read input.");
    }

    internal sealed class TestRawUserInterface : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }

        public override Size BufferSize { get; set; } = new Size(200, 50);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override ConsoleColor ForegroundColor { get; set; }

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new Size(200, 50);

        public override Size MaxWindowSize => new Size(200, 50);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new Size(200, 50);

        public override string WindowTitle { get; set; } = "";

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
        {
        }

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
        {
        }

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
        {
        }
    }
}
