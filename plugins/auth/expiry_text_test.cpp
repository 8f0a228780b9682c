// Unit tests of the expiry texts of `auth login` and `auth status`.
#include "expiry_text.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_commands {
namespace {

TEST(UtcTime, FormatsUnixSeconds) {
  EXPECT_EQ(utc_time(0), "1970-01-01 00:00:00 UTC");
  EXPECT_EQ(utc_time(1700000000), "2023-11-14 22:13:20 UTC");
}

TEST(DurationText, RoundsDownToTheUnit) {
  EXPECT_EQ(duration_text(0), "less than a minute");
  EXPECT_EQ(duration_text(59), "less than a minute");
  EXPECT_EQ(duration_text(60), "1 minute");
  EXPECT_EQ(duration_text(299), "4 minutes");
  EXPECT_EQ(duration_text(119 * 60), "119 minutes");
  EXPECT_EQ(duration_text(2 * 3600), "2 hours");
  EXPECT_EQ(duration_text(47 * 3600 + 59), "47 hours");
  EXPECT_EQ(duration_text(2 * 86400), "2 days");
}

TEST(ExpiryText, FuturePastAndNever) {
  EXPECT_EQ(expiry_text(0, 1700000000), "never");
  EXPECT_EQ(expiry_text(1700000300, 1700000000), "2023-11-14 22:18:20 UTC (in 5 minutes)");
  EXPECT_EQ(expiry_text(1700000000, 1700007200), "2023-11-14 22:13:20 UTC (expired 2 hours ago)");
  EXPECT_EQ(expiry_text(1700000000, 1700000000),
            "2023-11-14 22:13:20 UTC (expired less than a minute ago)");
}

}  // namespace
}  // namespace matrixctl::auth_commands
