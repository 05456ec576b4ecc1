using Samverkan.Upphandling.Domain;

namespace Samverkan.Upphandling.Tests;

public sealed class OrganisationNumberTests
{
    [Theory]
    [InlineData("556012-5790", "556012-5790")]
    [InlineData("5560125790", "556012-5790")]
    [InlineData(" 556677-8899 ", "556677-8899")]
    [InlineData("811218-9876", "811218-9876")]
    [InlineData("202100-6255", "202100-6255")]
    public void A_number_with_its_check_digit_is_accepted(string value, string canonical) =>
        Assert.Equal(canonical, OrganisationNumber.Normalise(value));

    [Theory]
    [InlineData("556012-5791")]
    [InlineData("556677-8898")]
    [InlineData("55601-25790")]
    [InlineData("556012579")]
    [InlineData("55601257900")]
    [InlineData("556012+5790")]
    [InlineData("55601A-5790")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? value) => Assert.Null(OrganisationNumber.Normalise(value));
}
