// Unit tests of the simulator's URL decoding, LIKE matching and list ordering.
#include <gtest/gtest.h>

#include "sql_like.h"
#include "url_codec.h"
#include "user_query.h"

namespace synapse_sim {
namespace {

TEST(UrlCodecTest, SplitsBeforeDecoding) {
    std::vector<std::string> segments = splitPath("/_synapse/admin/v2/users/%40a%2Fb%3Aexample.org");
    ASSERT_EQ(segments.size(), 5u);
    EXPECT_EQ(segments[4], "@a/b:example.org");
}

TEST(UrlCodecTest, PlusMeansSpaceOnlyInQuery) {
    EXPECT_EQ(splitPath("/a+b")[0], "a+b");
    QueryParams query("name=a+b&name=%2B&flag");
    EXPECT_EQ(query.all("name"), (std::vector<std::string>{"a b", "+"}));
    ASSERT_NE(query.first("flag"), nullptr);
    EXPECT_EQ(*query.first("flag"), "");
}

TEST(UrlCodecTest, InvalidEscapesStayLiteral) {
    EXPECT_EQ(percentDecode("100%", false), "100%");
    EXPECT_EQ(percentDecode("%zz%4", false), "%zz%4");
    EXPECT_EQ(percentDecode("%C3%AB", false), "ë");
}

TEST(SqlLikeTest, WildcardsMatchLikeSql) {
    EXPECT_TRUE(likeMatch("@user000001:example.org", "%000001%"));
    EXPECT_TRUE(likeMatch("#room000002:example.org", "#%room%:%"));
    EXPECT_TRUE(likeMatch("abc", "a_c"));
    EXPECT_FALSE(likeMatch("abc", "%d%"));
    EXPECT_FALSE(likeMatch("#room", "#%room%:%"));
}

TEST(UserQueryTest, NullsSortLastAscendingAndFirstDescending) {
    std::vector<User> users(3);
    users[0].name = "@a:x";
    users[0].displayname = "Zed";
    users[1].name = "@b:x";
    users[2].name = "@c:x";
    users[2].displayname = "Amy";

    UserListFilter filter;
    filter.order_by = "displayname";
    EXPECT_EQ(selectUsers(users, filter), (std::vector<std::uint32_t>{2, 0, 1}));
    filter.backwards = true;
    EXPECT_EQ(selectUsers(users, filter), (std::vector<std::uint32_t>{1, 0, 2}));
}

TEST(UserQueryTest, TiesKeepAscendingNames) {
    std::vector<User> users(3);
    users[0].name = "@a:x";
    users[1].name = "@b:x";
    users[1].admin = true;
    users[2].name = "@c:x";
    UserListFilter filter;
    filter.order_by = "admin";
    filter.backwards = true;
    EXPECT_EQ(selectUsers(users, filter), (std::vector<std::uint32_t>{1, 0, 2}));
}

}  // namespace
}  // namespace synapse_sim
