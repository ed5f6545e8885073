namespace HelpBuilder
{
    internal sealed class RelatedLink
    {
        public RelatedLink(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }
        public string Uri { get; }
    }
}
