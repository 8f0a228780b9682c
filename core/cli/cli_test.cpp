// Unit tests of global option parsing and suggestions.
#include "cli.h"

#include "../diagnostics.h"

#include <gtest/gtest.h>

namespace matrixctl::cli {
namespace {

TEST(GlobalOptions, BeforeAndAfterCommand) {
  const auto before = parse_global({"-S", "prod", "-d", "users", "-a"});
  EXPECT_EQ(before.server, "prod");
  EXPECT_TRUE(before.debug);
  EXPECT_EQ(before.rest, (std::vector<std::string>{"users", "-a"}));

  const auto after = parse_global({"users", "-a", "--server=prod", "-ojson", "-c", "/x.yml"});
  EXPECT_EQ(after.server, "prod");
  EXPECT_EQ(after.output, "json");
  ASSERT_TRUE(after.config_path.has_value());
  EXPECT_EQ(*after.config_path, "/x.yml");
  EXPECT_EQ(after.rest, (std::vector<std::string>{"users", "-a"}));
}

TEST(GlobalOptions, DoubleDashStopsParsing) {
  const auto options = parse_global({"user", "--", "-d"});
  EXPECT_FALSE(options.debug);
  EXPECT_EQ(options.rest, (std::vector<std::string>{"user", "--", "-d"}));
}

TEST(GlobalOptions, MissingValueIsUsageError) {
  try {
    parse_global({"users", "-S"});
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_USAGE);
    EXPECT_EQ(error.failure().subject, "-S");
  }
}

TEST(GlobalOptions, DebugCategories) {
  const auto options = parse_global({"--debug=http,auth", "version"});
  EXPECT_TRUE(options.debug);
  EXPECT_EQ(options.debug_categories, "http,auth");
}

TEST(Suggestions, CloseCommandsFirst) {
  const std::vector<std::string> commands{"users", "user", "adduser", "rooms", "version"};
  const auto result = suggestions("usres", commands);
  ASSERT_FALSE(result.empty());
  EXPECT_EQ(result[0], "users");
  EXPECT_TRUE(suggestions("zzzzzzzz", commands).empty());
  EXPECT_EQ(suggestions("vers", commands).front(), "version");
}

}  // namespace
}  // namespace matrixctl::cli
