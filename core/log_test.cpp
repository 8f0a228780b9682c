// Unit tests of debug categories and secret redaction.
#include "log.h"

#include <gtest/gtest.h>

namespace matrixctl::log {
namespace {

TEST(Redaction, ShowsOnlyLength) {
  EXPECT_EQ(redacted("syt_c2VjcmV0_abcdef"), "<redacted, 19 chars>");
  EXPECT_EQ(redacted(""), "<redacted, 0 chars>");
}

TEST(Redaction, DebugLineNeverContainsSecret) {
  configure(true);
  testing::internal::CaptureStderr();
  debug("auth", "token " + redacted("mat_secret_value"));
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(err, "matrixctl: debug: [auth] token <redacted, 16 chars>\n");
  configure(false);
}

TEST(DebugCategories, SelectedOnly) {
  configure(true, "http,auth");
  EXPECT_TRUE(enabled("http"));
  EXPECT_TRUE(enabled("auth"));
  EXPECT_FALSE(enabled("config"));
  configure(true);
  EXPECT_TRUE(enabled("config"));
  configure(false);
  EXPECT_FALSE(enabled("http"));
}

}  // namespace
}  // namespace matrixctl::log
