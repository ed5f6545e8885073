using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Spending
{
    /// <summary>
    /// Issue #11 items 2-4 as users run them (the default path: read before sending, read back after): -MaxTotalPrice
    /// sends nothing unless every instance is priced within the cap; the balance preflight warns, or with -RequireBalance
    /// refuses; -WhatIf -IncludePrice prices the report.
    /// </summary>
    public sealed class SpendCapTests : EmulatorTest
    {
        private static readonly string[] CvmIds = Clouds.CvmIds(30, "s");
        private static readonly string[] EcsIds = Clouds.EcsIds(6, "s");

        protected override bool ReadsCloudState => true;

        protected override Scenario CreateScenario()
        {
            var instances = CvmIds.Select((id, i) => Priced(Clouds.Cvm(id), 10m + i)).ToList();
            instances.AddRange(EcsIds.Select((id, i) => Priced(Clouds.Ecs(id), 100m + i)));
            instances.Add(Priced(Clouds.Mongo("cmgo-spend001"), 55.5m));
            return Clouds.Scenario(instances);
        }

        private static EmulatedInstance Priced(EmulatedInstance instance, decimal monthly)
        {
            instance.MonthlyPrice = monthly;
            return instance;
        }

        // 30 CVM at 10..39 a month for 2 months: (10 + 39) * 15 * 2.
        private const decimal CvmTotal = 1470m;

        private RunResult RenewCvm(string extra) =>
            Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 2 -Credential $tc -Endpoint $endpoint -Force " + extra, new Dictionary<string, object?> { ["ids"] = CvmIds });

        /// <summary>The one terminating error: a script host sees a cmdlet's terminating error on the error stream.</summary>
        private static ErrorRecord Stop(RunResult r) => (r.Terminating as IContainsErrorRecord)?.ErrorRecord ?? Assert.Single(r.Errors);

        private static string ErrorId(RunResult r) => Stop(r).FullyQualifiedErrorId;

        private decimal TencentBalance => Emulator.Account(Clouds.TencentId).Balance;

        [Fact]
        public void A_total_above_the_cap_sends_no_renewal_and_stops_with_the_figures()
        {
            var before = TencentBalance;
            var r = RenewCvm("-MaxTotalPrice 1469.99");

            Assert.StartsWith("SpendCapExceeded", ErrorId(r), StringComparison.Ordinal);
            var message = Stop(r).Exception.Message;
            Assert.Contains("1470.00", message, StringComparison.Ordinal);
            Assert.Contains("1469.99", message, StringComparison.Ordinal);
            // The five most expensive, dearest first.
            Assert.Contains(CvmIds[29] + " 78.00, " + CvmIds[28] + " 76.00, " + CvmIds[27] + " 74.00, " + CvmIds[26] + " 72.00, " + CvmIds[25] + " 70.00.", message, StringComparison.Ordinal);
            Assert.Empty(r.Output);
            Assert.Empty(RenewalRequests("RenewInstances"));
            // Each instance priced once (a throttled inquiry is retried: it cannot charge).
            Assert.Equal(30, RenewalRequests("InquiryPriceRenewInstances").Where(q => q.Outcome == "Success").SelectMany(q => q.InstanceIds).Distinct().Count());
            Assert.Equal(before, TencentBalance);
        }

        [Fact]
        public void Within_the_cap_every_instance_is_renewed_and_carries_its_quoted_price()
        {
            var before = TencentBalance;
            var r = RenewCvm("-MaxTotalPrice 1470");

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            Assert.Equal(30, r.Results.Count);
            Assert.All(r.Results, x =>
            {
                Assert.Equal(RenewalStatus.Renewed, x.Status);
                Assert.Equal((10m + Array.IndexOf(CvmIds, x.InstanceId)) * 2, x.Price);
            });
            Assert.Equal(CvmTotal, r.Results.Sum(x => x.Price!.Value));
            // Quoting 30 instances at 10/s takes about 3 s before anything is sent: progress says so.
            Assert.Contains(r.Progress, p => p.StatusDescription.StartsWith("Quoting before anything is sent: ", StringComparison.Ordinal));
            Assert.Equal(CvmTotal, before - TencentBalance);
            // Every quote went out before the first renewal.
            var firstRenewal = Emulator.Requests.First(q => q.Action == "RenewInstances").Time;
            Assert.All(RenewalRequests("InquiryPriceRenewInstances"), q => Assert.True(q.Time <= firstRenewal));
        }

        [Fact]
        public void An_unknown_price_refuses_the_whole_run()
        {
            Emulator.Scenario.CvmQuoteEmptyInstancePrice = true;
            var r = RenewCvm("-MaxTotalPrice 1000000");

            Assert.StartsWith("PriceUnknown", ErrorId(r), StringComparison.Ordinal);
            Assert.Contains("30 of 30 instance(s) have no price", Stop(r).Exception.Message, StringComparison.Ordinal);
            Assert.Empty(RenewalRequests("RenewInstances"));
        }

        [Fact]
        public void Quotes_in_another_currency_than_the_cap_refuse_the_run()
        {
            var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -MaxTotalPrice 100000 -Currency USD", new Dictionary<string, object?> { ["ids"] = EcsIds });

            Assert.StartsWith("CurrencyMismatch", ErrorId(r), StringComparison.Ordinal);
            Assert.Contains("CNY", Stop(r).Exception.Message, StringComparison.Ordinal);
            Assert.Empty(RenewalRequests("RenewInstance"));
        }

        [Fact]
        public void Ecs_within_the_cap_is_renewed_with_price_and_currency()
        {
            var before = Emulator.Account(Clouds.AlibabaId).Balance;
            var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -MaxTotalPrice 615 -Currency CNY", new Dictionary<string, object?> { ["ids"] = EcsIds });

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            Assert.All(r.Results, x => Assert.Equal("CNY", x.Currency));
            Assert.Equal(615m, r.Results.Sum(x => x.Price!.Value));
            Assert.Equal(615m, before - Emulator.Account(Clouds.AlibabaId).Balance);
        }

        [Fact]
        public void A_balance_below_the_total_warns_and_the_run_goes_on()
        {
            Emulator.Account(Clouds.TencentId).Balance = 1000m;
            var r = RenewCvm("-MaxTotalPrice 2000 -ErrorAction SilentlyContinue");

            var warning = Assert.Single(r.Warnings, w => w.Message.Contains("available balance", StringComparison.Ordinal));
            Assert.Contains("1470.00", warning.Message, StringComparison.Ordinal);
            Assert.Contains("1000.00", warning.Message, StringComparison.Ordinal);
            Assert.Single(RenewalRequests("DescribeAccountBalance"));
            Assert.NotEmpty(RenewalRequests("RenewInstances"));
        }

        [Fact]
        public void RequireBalance_refuses_a_total_above_the_balance_before_any_renewal()
        {
            Emulator.Account(Clouds.TencentId).Balance = 1000m;
            var r = RenewCvm("-RequireBalance");

            Assert.StartsWith("InsufficientBalance", ErrorId(r), StringComparison.Ordinal);
            Assert.Contains("1470.00", Stop(r).Exception.Message, StringComparison.Ordinal);
            Assert.Contains("1000.00", Stop(r).Exception.Message, StringComparison.Ordinal);
            Assert.Empty(r.Output);
            Assert.Empty(RenewalRequests("RenewInstances"));
            Assert.Equal(1000m, TencentBalance);
        }

        [Fact]
        public void A_key_without_billing_permission_gets_one_warning_and_the_run_goes_on()
        {
            Emulator.Account(Clouds.AlibabaId).BssNotAuthorized = true;
            var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force", new Dictionary<string, object?> { ["ids"] = EcsIds });

            var warning = Assert.Single(r.Warnings);
            Assert.StartsWith("Balance not checked: NotAuthorized", warning.Message, StringComparison.Ordinal);
            Assert.Empty(r.Errors);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            Assert.Single(RenewalRequests("QueryAccountBalance"));
        }

        [Fact]
        public void A_billing_service_that_does_not_answer_costs_one_warning_not_minutes()
        {
            Emulator.Enqueue(new FaultRule { Action = "DescribeAccountBalance", Kind = FaultKind.SlowAfterExecution, DelayMs = 6000, Times = 5 });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var r = Run("Invoke-MongoDbRenewal cmgo-spend001 -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -TimeoutSec 2");

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "took " + watch.Elapsed);
            Assert.True(r.Warnings.Count == 1, "warnings: " + string.Join(" | ", r.Warnings.Select(w => w.Message)) + "; errors: " + string.Join(" | ", r.Errors) + "; results: " + string.Join(" | ", r.Results) + "; requests: " + string.Join(", ", Emulator.Requests.Select(q => q.Action + "=" + q.Outcome)));
            Assert.StartsWith("Balance not checked: Transport.Timeout", r.Warnings[0].Message, StringComparison.Ordinal);
            // (The slow balance read is logged only once it answers, 6 s later.)
            Assert.Equal(RenewalStatus.Renewed, Assert.Single(r.Results).Status);
        }

        [Fact]
        public void RequireBalance_stops_when_the_balance_cannot_be_read()
        {
            Emulator.Account(Clouds.AlibabaId).BssNotAuthorized = true;
            var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -RequireBalance", new Dictionary<string, object?> { ["ids"] = EcsIds });

            Assert.StartsWith("BalanceNotChecked", ErrorId(r), StringComparison.Ordinal);
            Assert.Empty(RenewalRequests("RenewInstance"));
        }

        [Fact]
        public void Without_a_cap_a_negative_balance_warns_before_the_first_renewal()
        {
            Emulator.Account(Clouds.TencentId).Balance = -11.19m;
            var r = Run("Invoke-MongoDbRenewal cmgo-spend001 -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue");

            Assert.Single(r.Warnings, w => w.Message.Contains("-11.19", StringComparison.Ordinal));
            Assert.Empty(RenewalRequests("InquirePriceRenewDBInstances"));
            var balance = Assert.Single(RenewalRequests("DescribeAccountBalance"));
            Assert.True(balance.Time <= Emulator.Requests.First(q => q.Action == "RenewDBInstances").Time);
        }

        [Fact]
        public void Balance_reads_are_signed_for_their_own_product_and_hold_no_region()
        {
            Run("Invoke-MongoDbRenewal cmgo-spend001 -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force");
            Run("Invoke-EcsRenewal " + EcsIds[0] + " -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force");

            var tencent = Assert.Single(RenewalRequests("DescribeAccountBalance"));
            Assert.Equal("billing", tencent.Product);
            Assert.Contains("/billing/tc3_request", tencent.Headers["authorization"], StringComparison.Ordinal);
            Assert.Equal("2018-07-09", tencent.Headers["x-tc-version"]);
            Assert.False(tencent.Headers.ContainsKey("x-tc-region"));
            Assert.Equal("{}", tencent.Body);
            Assert.Equal("Success", tencent.Outcome);
            // Under ACS3 the parameterless action would have an empty body, which the HTTP stack may resend: 1.0 instead.
            var alibaba = Assert.Single(RenewalRequests("QueryAccountBalance"));
            Assert.Equal("1.0", alibaba.Parameter("SignatureVersion"));
            Assert.Equal("2017-12-14", alibaba.Parameter("Version"));
            Assert.Equal("Success", alibaba.Outcome);
            Assert.Equal("ACS3-HMAC-SHA256", RenewalRequests("RenewInstance").Single().Headers["authorization"].Split(' ')[0]);
        }

        [Fact]
        public void NoWait_with_an_explicit_flag_sends_only_the_renewals()
        {
            var r = Run("Invoke-MongoDbRenewal cmgo-spend001 -Region ap-guangzhou -Period 1 -RenewFlag NOTIFY_AND_MANUAL_RENEW -Credential $tc -Endpoint $endpoint -Force -NoWait");

            Assert.Equal(RenewalStatus.Submitted, Assert.Single(r.Results).Status);
            Assert.All(Emulator.Requests, q => Assert.Equal("RenewDBInstances", q.Action));
        }

        [Fact]
        public void WhatIf_IncludePrice_prices_each_line_and_the_total_and_renews_nothing()
        {
            var r = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 2 -Credential $tc -Endpoint $endpoint -WhatIf -IncludePrice -MaxTotalPrice 1000", new Dictionary<string, object?> { ["ids"] = CvmIds });

            Assert.Null(r.Terminating);
            Assert.Empty(r.Output);
            var lines = r.HostLines.Concat(r.Information.Select(i => i.MessageData?.ToString() ?? "")).Select(l => l.Trim()).Distinct().ToList();
            Assert.Contains(lines, l => l.Contains(CvmIds[0], StringComparison.Ordinal) && l.Contains("quoted 20.00", StringComparison.Ordinal));
            var total = Assert.Single(lines, l => l.Contains("Total for 30 instance(s): 1470.00", StringComparison.Ordinal));
            Assert.Contains("the run would stop", total, StringComparison.Ordinal);
            Assert.Empty(RenewalRequests("RenewInstances"));
            // Each instance priced once (a throttled inquiry is retried: it cannot charge).
            Assert.Equal(30, RenewalRequests("InquiryPriceRenewInstances").Where(q => q.Outcome == "Success").SelectMany(q => q.InstanceIds).Distinct().Count());
        }

        [Fact]
        public void Plain_WhatIf_needs_no_credentials_and_sends_nothing()
        {
            var r = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 2 -Endpoint $endpoint -WhatIf -MaxTotalPrice 1", new Dictionary<string, object?> { ["ids"] = CvmIds });

            Assert.Null(r.Terminating);
            Assert.Empty(Emulator.Requests);
        }

        [Theory]
        [InlineData("-IncludePrice", "IncludePriceWithoutWhatIf")]
        [InlineData("-RequireBalance -NoWait", "NoWaitWithRequireBalance")]
        public void Contradictory_switches_stop_before_anything_is_sent(string extra, string errorId)
        {
            var r = RenewCvm(extra);

            Assert.StartsWith(errorId, ErrorId(r), StringComparison.Ordinal);
            Assert.Empty(Emulator.Requests);
        }
    }
}
