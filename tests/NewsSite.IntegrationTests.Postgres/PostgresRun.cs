// The linked tests' [Fact] and [Theory] become skippable: a site that finds no NEWSSITE_TEST_POSTGRES throws
// SkipException, and the test is reported as skipped with the reason, not failed (unless NEWSSITE_REQUIRE_SERVERS=1).
global using FactAttribute = Xunit.SkippableFactAttribute;
global using TheoryAttribute = Xunit.SkippableTheoryAttribute;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure;

// Every site these tests start runs on PostgreSQL, in a database of its own (see TestDatabase).
[assembly: TestDatabaseEngine(DatabaseEngine.Postgres)]
