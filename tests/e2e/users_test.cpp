// End-to-end tests of `matrixctl users` and `user` against synapse-sim.
#include "harness.h"

#include <gtest/gtest.h>

#include <set>

namespace e2e {
namespace {

constexpr const char* kToken = "admin-token-e2e";

class UsersPagination : public ::testing::TestWithParam<int> {};

// Every user exactly once, in the server's order, with one request per
// 100-user page and no offset skipped or repeated.
TEST_P(UsersPagination, ListsEveryUserOnce) {
  const int count = GetParam();
  Simulator sim({"--admin-token", kToken, "--users", std::to_string(count), "--rooms", "3"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);

  const auto result = matrixctl(home, {"-c", config, "users", "-a", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto users = parse_json(result.out);
  ASSERT_TRUE(users.IsArray()) << result.out.substr(0, 200);
  ASSERT_EQ(users.Size(), static_cast<unsigned>(count));

  std::set<std::string> names;
  std::string previous;
  for (const auto& user : users.GetArray()) {
    const std::string name = user["name"].GetString();
    EXPECT_TRUE(names.insert(name).second) << "repeated " << name;
    EXPECT_LT(previous, name) << "order broken at " << name;
    previous = name;
  }

  const auto requests = sim.requests();
  const auto pages = requests_to(requests, "/_synapse/admin/v2/users");
  EXPECT_EQ(pages.size(), static_cast<std::size_t>((count + 99) / 100));
  std::set<std::string> offsets;
  for (const auto* page : pages) {
    const auto& query = (*page)["query"];
    ASSERT_TRUE(query.HasMember("from"));
    const auto& from = query["from"];
    const std::string offset = from.IsArray() ? from[0].GetString() : from.GetString();
    EXPECT_TRUE(offsets.insert(offset).second) << "offset requested twice: " << offset;
  }
  for (int offset = 0; offset < count; offset += 100) {
    EXPECT_EQ(offsets.count(std::to_string(offset)), 1u) << "offset never requested: " << offset;
  }
}

INSTANTIATE_TEST_SUITE_P(Counts, UsersPagination, ::testing::Values(101, 250, 1000));

TEST(Users, TableWithTotalLine) {
  Simulator sim({"--admin-token", kToken, "--users", "12", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"users", "-a", "-c", config});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("| Name "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("| Deactivated | Shadow-Banned | Admin | Guest | Display Name |"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Total number of users: 12\n"), std::string::npos) << result.out;
  EXPECT_EQ(table_rows(result.out), 13u);  // header + 12 users
}

// Without -a, guests and deactivated accounts are left out by the query.
TEST(Users, DefaultFiltersSentToServer) {
  Simulator sim({"--admin-token", kToken, "--users", "40", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto all = parse_json(matrixctl(home, {"-c", config, "users", "-a", "-o", "json"}).out);
  ASSERT_TRUE(all.IsArray());
  unsigned expected = 0;
  for (const auto& user : all.GetArray()) {
    if (!user["deactivated"].GetBool() && !user["is_guest"].GetBool()) ++expected;
  }
  sim.clear_requests();
  const auto result = matrixctl(home, {"-c", config, "users", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto some = parse_json(result.out);
  ASSERT_TRUE(some.IsArray());
  EXPECT_EQ(some.Size(), expected);
  EXPECT_LT(expected, all.Size());
  const auto requests = sim.requests();
  const auto pages = requests_to(requests, "/_synapse/admin/v2/users");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_STREQ((*pages[0])["query"]["guests"].IsArray() ? (*pages[0])["query"]["guests"][0].GetString()
                                                         : (*pages[0])["query"]["guests"].GetString(),
               "false");
}

TEST(Users, LimitStopsEarly) {
  Simulator sim({"--admin-token", kToken, "--users", "300", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "users", "150", "-a", "--to-json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto users = parse_json(result.out);
  ASSERT_TRUE(users.IsArray());
  EXPECT_EQ(users.Size(), 150u);
}

TEST(Users, GroupedFormAndTrailingGlobalOptions) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"user", "users", "-a", "-o", "yaml", "-c", config});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("- name: \"@admin:example.org\""), std::string::npos) << result.out;
}

TEST(User, DetailsByLocalpartAndMxid) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto by_localpart = matrixctl(home, {"-c", config, "user", "admin", "-o", "json"});
  ASSERT_EQ(by_localpart.exit_code, 0) << by_localpart.err;
  const auto user = parse_json(by_localpart.out);
  ASSERT_TRUE(user.IsObject()) << by_localpart.out;
  EXPECT_STREQ(user["name"].GetString(), "@admin:example.org");
  EXPECT_TRUE(user["admin"].GetBool());

  const auto by_mxid = matrixctl(home, {"-c", config, "user", "@admin:example.org"});
  ASSERT_EQ(by_mxid.exit_code, 0) << by_mxid.err;
  EXPECT_NE(by_mxid.out.find("User:"), std::string::npos) << by_mxid.out;
}

TEST(User, RemoteMxidRejectedBeforeRequest) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "user", "@bob:other.org"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "not an account of this homeserver (example.org)")) << result.err;
  const auto requests = sim.requests();
  EXPECT_EQ(requests_to(requests, "/_synapse/admin/").size(), 0u);
}

// The "/" of a user ID travels as %2F inside one path segment.
TEST(User, IdWithSlashIsOneSegment) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "user", "@odd/name:example.org"});
  EXPECT_EQ(result.exit_code, 6) << result.err;
  EXPECT_NE(result.err.find("@odd/name:example.org: user not found"), std::string::npos)
      << result.err;
  const auto requests = sim.requests();
  const auto sent = requests_to(requests, "/_synapse/admin/v2/users/");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_STREQ((*sent[0])["path"].GetString(),
               "/_synapse/admin/v2/users/%40odd%2Fname%3Aexample.org");
}

}  // namespace
}  // namespace e2e
