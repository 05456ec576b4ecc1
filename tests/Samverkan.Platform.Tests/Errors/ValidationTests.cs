using Samverkan.ServiceDefaults.Errors;
using CommonDate = Samverkan.Common.V1.Date;

namespace Samverkan.Platform.Tests.Errors;

public sealed class ValidationTests
{
    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("42", "must be a UUID")]
    [InlineData("00000000-0000-0000-0000-000000000000", "must be a UUID")]
    public void A_bad_uuid_is_a_problem_of_its_field(string? value, string description)
    {
        var v = new Validation();
        v.Uuid(value, "request_id");
        var problem = Assert.Single(Assert.Throws<InvalidRequestException>(v.ThrowIfInvalid).Problems);
        Assert.Equal(new FieldProblem("request_id", description), problem);
    }

    [Theory]
    [InlineData("cases/7c9e6679-7425-40de-944b-e07fc1f90ae7", true)]
    [InlineData("cases/", false)]
    [InlineData("products/7c9e6679-7425-40de-944b-e07fc1f90ae7", false)]
    [InlineData("cases/7c9e6679", false)]
    public void Resource_names_must_name_the_collection_and_a_uuid(string name, bool valid)
    {
        var v = new Validation();
        var id = v.ResourceId(name, "cases", "name");
        Assert.Equal(valid, v.IsValid);
        Assert.Equal(valid, id != Guid.Empty);
    }

    [Theory]
    [InlineData(2026, 2, 29, false)]
    [InlineData(2028, 2, 29, true)]
    [InlineData(2026, 13, 1, false)]
    [InlineData(1800, 1, 1, false)]
    public void Dates_must_exist_in_the_calendar(int year, int month, int day, bool valid)
    {
        var v = new Validation();
        var date = v.Date(new CommonDate { Year = year, Month = month, Day = day }, "deadline", required: true);
        Assert.Equal(valid, v.IsValid);
        Assert.Equal(valid, date is not null);
    }

    [Fact]
    public void An_unset_date_is_a_problem_only_when_required()
    {
        var optional = new Validation();
        Assert.Null(optional.Date(null, "expected_market_date", required: false));
        Assert.True(optional.IsValid);

        var required = new Validation();
        required.Date(new CommonDate(), "deadline", required: true);
        Assert.False(required.IsValid);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(5, 5)]
    [InlineData(100, 100)]
    public void Page_sizes_default_and_stay_within_the_maximum(int requested, int expected)
    {
        var v = new Validation();
        Assert.Equal(expected, v.PageSize(requested, 20, 100));
        Assert.True(v.IsValid);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Page_sizes_outside_the_range_are_refused(int requested)
    {
        var v = new Validation();
        v.PageSize(requested, 20, 100);
        Assert.Equal("page_size", Assert.Single(Assert.Throws<InvalidRequestException>(v.ThrowIfInvalid).Problems).Field);
    }

    [Fact]
    public void A_page_token_carries_its_sort_key_and_a_foreign_token_is_refused()
    {
        var v = new Validation();
        Assert.Equal(["2026-01-01T00:00:00Z", "abc"], v.PageToken(Paging.Encode("2026-01-01T00:00:00Z", "abc"), 2)!);
        Assert.Null(v.PageToken("", 2));
        Assert.True(v.IsValid);

        v.PageToken("not-a-token!", 2);
        v.PageToken(Paging.Encode("one part"), 2);
        Assert.Equal(2, Assert.Throws<InvalidRequestException>(v.ThrowIfInvalid).Problems.Count);
    }
}
