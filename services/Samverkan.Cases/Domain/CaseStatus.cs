namespace Samverkan.Cases.Domain;

/// <summary>Where a case is in national managed introduction. Numbers match <c>samverkan.cases.v1.CaseState</c>.</summary>
public enum CaseStatus
{
    Registered = 1,
    Nominated = 2,
    Accepted = 3,
    Declined = 4,
    InAssessment = 5,
    ReadyForCouncil = 6,
    Recommended = 7,
    UnderReview = 8,
    Closed = 9,
}
