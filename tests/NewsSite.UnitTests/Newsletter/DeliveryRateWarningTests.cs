using NewsSite.Web.Features.Newsletter.Deliverability;

namespace NewsSite.UnitTests.Newsletter;

public sealed class DeliveryRateWarningTests
{
    [Theory]
    [InlineData(10_000, 0, 0, RateWarning.None)]
    [InlineData(10_000, 0, 9, RateWarning.None)]          // 0.09 % complaints
    [InlineData(10_000, 0, 10, RateWarning.High)]         // 0.1 %: Gmail's and Yahoo's recommended ceiling
    [InlineData(10_000, 0, 29, RateWarning.High)]
    [InlineData(10_000, 0, 30, RateWarning.OverLimit)]    // 0.3 %: their limit
    [InlineData(10_000, 200, 0, RateWarning.None)]        // 2 % hard bounces exactly
    [InlineData(10_000, 201, 0, RateWarning.High)]        // past 2 %
    [InlineData(0, 0, 0, RateWarning.None)]
    public void Warning_FollowsTheMailboxProvidersThresholds(int sent, int hardBounces, int complaints, RateWarning expected)
    {
        var rates = new IssueDeliveryRates(1, "Issue", sent, hardBounces, 0, complaints);

        Assert.Equal(expected, rates.Warning);
        Assert.Equal(expected == RateWarning.None, rates.Advice.Length == 0);
    }
}
