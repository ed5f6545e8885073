using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Spending
{
    /// <summary>Issue #11 item 1: Get-*RenewalQuote, one quote per input, prices read as the clouds send them.</summary>
    public sealed class QuoteTests : EmulatorTest
    {
        protected override bool ReadsCloudState => true;

        protected override Scenario CreateScenario()
        {
            var instances = new List<EmulatedInstance>();
            instances.AddRange(Clouds.CvmIds(6, "q").Select((id, i) => Priced(Clouds.Cvm(id), 10m + i)));
            instances.AddRange(Clouds.MongoIds(3, "q").Select((id, i) => Priced(Clouds.Mongo(id), 20.5m + i)));
            instances.AddRange(Clouds.EcsIds(3, "q").Select((id, i) => Priced(Clouds.Ecs(id), 33.25m + i)));
            return Clouds.Scenario(instances);
        }

        private static EmulatedInstance Priced(EmulatedInstance instance, decimal monthly)
        {
            instance.MonthlyPrice = monthly;
            return instance;
        }

        private static List<RenewalQuote> Quotes(RunResult r) => r.Output.Select(o => o.BaseObject).OfType<RenewalQuote>().ToList();

        [Fact]
        public void Cvm_quotes_one_instance_a_request_and_prices_the_renewal()
        {
            var ids = Clouds.CvmIds(6, "q");
            var r = Run("$ids | Get-CvmRenewalQuote -Region ap-guangzhou -Period 3 -Credential $tc -Endpoint $endpoint", new Dictionary<string, object?> { ["ids"] = ids });

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var quotes = Quotes(r);
            // Several inquiries run at once; the quotes still come out in input order.
            Assert.Equal(ids, quotes.Select(q => q.InstanceId));
            Assert.All(quotes, q =>
            {
                var index = Array.IndexOf(ids, q.InstanceId);
                Assert.Equal((10m + index) * 3, q.Price);
                Assert.Equal(q.Price, q.OriginalPrice);
                Assert.Equal("InquiryPriceRenewInstances", q.Action);
                Assert.False(string.IsNullOrEmpty(q.RequestId));
                Assert.Equal(3, q.Period);
                Assert.Equal("Month", q.PeriodUnit);
            });
            Assert.Contains(r.Progress, p => p.StatusDescription.StartsWith("Quoting: ", StringComparison.Ordinal) && p.StatusDescription.Contains(" priced", StringComparison.Ordinal));
            Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, r.Progress.Last().RecordType);
            var sent = RenewalRequests("InquiryPriceRenewInstances");
            Assert.Equal(6, sent.Count(q => q.Outcome == "Success"));
            Assert.All(sent, q => Assert.Single(q.InstanceIds));
            Assert.DoesNotContain(Emulator.Requests, q => q.Executed);
        }

        [Fact]
        public void Prices_sent_as_strings_are_read_with_the_invariant_culture()
        {
            Emulator.Scenario.CvmQuotePricesAsStrings = true;
            var r = Run("[cultureinfo]::CurrentCulture = 'de-DE'; Get-CvmRenewalQuote " + Clouds.CvmIds(1, "q")[0] + " -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint");

            Assert.Empty(r.Errors);
            Assert.Equal(10m, Assert.Single(Quotes(r)).Price);
        }

        [Fact]
        public void An_empty_InstancePrice_is_an_unknown_price_with_a_warning_never_zero()
        {
            Emulator.Scenario.CvmQuoteEmptyInstancePrice = true;
            var r = Run("Get-CvmRenewalQuote " + Clouds.CvmIds(1, "q")[0] + " -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint");

            var quote = Assert.Single(Quotes(r));
            Assert.Null(quote.Price);
            Assert.Equal("PriceMissing", quote.ErrorCode);
            Assert.Single(r.Warnings, w => w.Message.Contains("PriceMissing", StringComparison.Ordinal));
            Assert.Empty(r.Errors);
        }

        [Fact]
        public void MongoDb_and_Ecs_quotes_carry_their_prices_and_ECS_its_currency()
        {
            var mongo = Run("$ids | Get-MongoDbRenewalQuote -Region ap-guangzhou -Period 2 -Currency cny -Credential $tc -Endpoint $endpoint", new Dictionary<string, object?> { ["ids"] = Clouds.MongoIds(3, "q") });
            var ecs = Run("$ids | Get-EcsRenewalQuote -Region cn-hangzhou -Period 12 -Credential $ali -Endpoint $endpoint", new Dictionary<string, object?> { ["ids"] = Clouds.EcsIds(3, "q") });

            Assert.Empty(mongo.Errors);
            Assert.Empty(ecs.Errors);
            Assert.Equal(new[] { 41m, 43m, 45m }, Quotes(mongo).Select(q => q.Price!.Value).OrderBy(x => x));
            Assert.All(Quotes(mongo), q => Assert.Equal("CNY", q.Currency));
            Assert.Equal(new[] { 399m, 411m, 423m }, Quotes(ecs).Select(q => q.Price!.Value).OrderBy(x => x));
            Assert.All(Quotes(ecs), q => Assert.Equal("CNY", q.Currency));
            // A whole year goes as PriceUnit Year (the inquiry's Month range is 1-9).
            Assert.All(RenewalRequests("DescribeRenewalPrice"), q =>
            {
                Assert.Equal("Year", q.Parameter("PriceUnit"));
                Assert.Equal("1", q.Parameter("Period"));
            });
        }

        [Fact]
        public void Every_input_gets_one_quote_bad_ones_an_error_before_anything_is_sent()
        {
            var good = Clouds.CvmIds(1, "q")[0];
            var r = Run("'" + good + "', '', 'ins-nosuch01', '" + good + "' | Get-CvmRenewalQuote -Region ap-guangzhou -Period 7 -Credential $tc -Endpoint $endpoint");

            var quotes = Quotes(r);
            Assert.Equal(new[] { good, "", "ins-nosuch01", good }, quotes.Select(q => q.InstanceId));
            Assert.Equal(new[] { null, "InvalidInput", "InvalidInstanceId.NotFound", "DuplicateInput" }, quotes.Select(q => q.ErrorCode));
            Assert.Equal(70m, quotes.Single(q => q.InstanceId == good && q.ErrorCode is null).Price);
            Assert.Equal("InvalidInput", quotes.Single(q => q.InstanceId == "").ErrorCode);
            Assert.Equal("InvalidInstanceId.NotFound", quotes.Single(q => q.InstanceId == "ins-nosuch01").ErrorCode);
            Assert.Equal("DuplicateInput", quotes.Single(q => q.InstanceId == good && q.ErrorCode != null).ErrorCode);
            Assert.Equal(2, r.Errors.Count);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, r.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("InvalidInstanceId.NotFound", StringComparison.Ordinal)).CategoryInfo.Category);
            Assert.Equal(2, RenewalRequests("InquiryPriceRenewInstances").Select(q => q.InstanceIds.Single()).Distinct().Count());
        }

        [Fact]
        public void An_ECS_renewal_to_the_unified_day_is_priced_whatever_the_unit()
        {
            var r = Run("Get-EcsRenewalQuote " + Clouds.EcsIds(1, "q")[0] + " -Region cn-hangzhou -ExpectedRenewDay 5 -PeriodUnit Week -Credential $ali -Endpoint $endpoint");

            var quote = Assert.Single(Quotes(r));
            Assert.NotNull(quote.Price);
            Assert.Equal(5, quote.ExpectedRenewDay);
            Assert.Null(quote.Period);
            Assert.Equal("5", Assert.Single(RenewalRequests("DescribeRenewalPrice")).Parameter("ExpectedRenewDay"));
        }

        [Fact]
        public void An_ECS_renewal_by_weeks_has_no_quote_and_sends_nothing()
        {
            var r = Run("Get-EcsRenewalQuote " + Clouds.EcsIds(1, "q")[0] + " -Region cn-hangzhou -Period 2 -PeriodUnit Week -Credential $ali -Endpoint $endpoint");

            var quote = Assert.Single(Quotes(r));
            Assert.Null(quote.Price);
            Assert.Equal("NotQuotable", quote.ErrorCode);
            Assert.Single(r.Warnings);
            Assert.Empty(RenewalRequests("DescribeRenewalPrice"));
        }
    }
}
