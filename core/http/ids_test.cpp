// Tests of percent-encoding, path expansion and URL joining.
#include "ids.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace matrixctl::http {
namespace {

TEST(EncodeSegment, UserIdWithSlash) {
  EXPECT_EQ(encode_segment("@a/b:example.org"), "%40a%2Fb%3Aexample.org");
}

TEST(EncodeSegment, RoomAlias) {
  EXPECT_EQ(encode_segment("#room:example.org"), "%23room%3Aexample.org");
}

TEST(EncodeSegment, RoomAndEventIds) {
  EXPECT_EQ(encode_segment("!abc:example.org"), "%21abc%3Aexample.org");
  EXPECT_EQ(encode_segment("$event/id+x"), "%24event%2Fid%2Bx");
}

TEST(EncodeSegment, SpaceAndPercent) {
  EXPECT_EQ(encode_segment("a b"), "a%20b");
  EXPECT_EQ(encode_segment("100%"), "100%25");
  // Already-encoded text is encoded again, because an ID is never pre-encoded.
  EXPECT_EQ(encode_segment("%40"), "%2540");
}

TEST(EncodeSegment, Utf8Bytes) {
  EXPECT_EQ(encode_segment("@jöran:example.org"), "%40j%C3%B6ran%3Aexample.org");
  EXPECT_EQ(encode_segment("\xF0\x9F\x98\x80"), "%F0%9F%98%80");
}

TEST(EncodeSegment, UnreservedKept) {
  EXPECT_EQ(encode_segment("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(encode_segment(""), "");
}

TEST(EncodeSegment, QueryDelimiters) {
  EXPECT_EQ(encode_segment("a?b&c=d"), "a%3Fb%26c%3Dd");
}

TEST(EncodeQueryComponent, SameSetAsSegment) {
  EXPECT_EQ(encode_query_component("@a/b:example.org"), "%40a%2Fb%3Aexample.org");
  EXPECT_EQ(encode_query_component("a b+c"), "a%20b%2Bc");
}

TEST(ExpandPath, EncodesEachArgumentOnce) {
  EXPECT_EQ(expand_path("/_synapse/admin/v2/users/{}", {"@a/b:example.org"}),
            "/_synapse/admin/v2/users/%40a%2Fb%3Aexample.org");
  EXPECT_EQ(expand_path("/_synapse/admin/v1/rooms/{}/members/{}", {"!r:x", "@u:x"}),
            "/_synapse/admin/v1/rooms/%21r%3Ax/members/%40u%3Ax");
}

TEST(ExpandPath, NoPlaceholders) {
  EXPECT_EQ(expand_path("/_synapse/admin/v1/server_version", {}),
            "/_synapse/admin/v1/server_version");
}

TEST(ExpandPath, TooFewArguments) {
  EXPECT_THROW(expand_path("/a/{}/b/{}", {"x"}), std::invalid_argument);
}

TEST(ExpandPath, TooManyArguments) {
  EXPECT_THROW(expand_path("/a/{}", {"x", "y"}), std::invalid_argument);
  EXPECT_THROW(expand_path("/a", {"x"}), std::invalid_argument);
}

TEST(ExpandPath, ArgumentContainingBraces) {
  EXPECT_EQ(expand_path("/a/{}", {"{}"}), "/a/%7B%7D");
}

TEST(BuildQuery, EmptyIsEmpty) { EXPECT_EQ(build_query({}), ""); }

TEST(BuildQuery, EncodesKeysAndValues) {
  EXPECT_EQ(build_query({{"from", "0"}, {"name", "@a b:x"}, {"not_user_type", ""}}),
            "?from=0&name=%40a%20b%3Ax&not_user_type=");
}

TEST(BuildQuery, RepeatedKeysKept) {
  EXPECT_EQ(build_query({{"k", "1"}, {"k", "2"}}), "?k=1&k=2");
}

TEST(JoinUrl, StripsTrailingSlashes) {
  EXPECT_EQ(join_url("https://matrix.example.org///", "/_synapse/admin"),
            "https://matrix.example.org/_synapse/admin");
}

TEST(JoinUrl, AddsLeadingSlash) {
  EXPECT_EQ(join_url("http://127.0.0.1:8008", "_synapse/admin"),
            "http://127.0.0.1:8008/_synapse/admin");
}

TEST(JoinUrl, KeepsBasePath) {
  EXPECT_EQ(join_url("https://example.org/matrix/", "/_synapse/admin"),
            "https://example.org/matrix/_synapse/admin");
}

TEST(JoinUrl, EmptyPath) {
  EXPECT_EQ(join_url("https://example.org/", ""), "https://example.org");
}

}  // namespace
}  // namespace matrixctl::http
