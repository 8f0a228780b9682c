// End-to-end tests of the ABI rules with plugins built for other versions.
#include "harness.h"

#include <matrixctl/sdk.h>

#include <gtest/gtest.h>

namespace e2e {
namespace {

const std::map<std::string, std::string> kWithTestPlugins{
    {"MATRIXCTL_PLUGIN_PATH", MATRIXCTL_TEST_PLUGINDIR}};

TEST(PluginAbi, OlderMinorLoadsAndRuns) {
  TempDir home;
  const auto config = home.write(
      "config.yml", "servers:\n  default:\n    api:\n      domain: example.org\n"
                    "      base_url: http://127.0.0.1:9\n      auth_token:\n        token: x\n");
  const auto result = matrixctl(home, {"-c", config, "abi-old", "hello"}, {}, kWithTestPlugins);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "old-minor plugin ran\n");
  const auto help = matrixctl(home, {"abi-old", "--help"}, {}, kWithTestPlugins);
  ASSERT_EQ(help.exit_code, 0) << help.err;
  EXPECT_TRUE(contains(help.out, "Test command of an ABI 1.0 plugin")) << help.out;
}

TEST(PluginAbi, NewerMinorAndOtherMajorRejected) {
  TempDir home;
  const auto result = matrixctl(home, {"--help"}, {}, kWithTestPlugins);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "abi-old")) << result.out;
  EXPECT_FALSE(contains(result.out, "abi-new")) << result.out;

  const std::string ours = std::to_string(MCTL_ABI_MAJOR) + "." + std::to_string(MCTL_ABI_MINOR);
  const std::string newer =
      std::to_string(MCTL_ABI_MAJOR) + "." + std::to_string(MCTL_ABI_MINOR + 1);
  const std::string dir = MATRIXCTL_TEST_PLUGINDIR;
  EXPECT_TRUE(contains(result.err, "plugin abi-new (" + dir + "/abi_new_minor.so)")) << result.err;
  EXPECT_TRUE(contains(result.err, "plugin ABI " + newer)) << result.err;
  EXPECT_TRUE(contains(result.err, ours)) << result.err;
  EXPECT_TRUE(contains(result.err, "abi_other_major.so")) << result.err;
  EXPECT_TRUE(contains(result.err, "plugin ABI 2.0")) << result.err;
  EXPECT_TRUE(contains(result.err, "install a version of the plugin built for")) << result.err;
}

TEST(PluginAbi, RejectionDoesNotBreakOtherCommands) {
  TempDir home;
  const auto result = matrixctl(home, {"users", "--help"}, {}, kWithTestPlugins);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "--with-deactivated")) << result.out;
  const auto rejected = matrixctl(home, {"abi-new"}, {}, kWithTestPlugins);
  EXPECT_EQ(rejected.exit_code, 2);
  EXPECT_TRUE(contains(rejected.err, "unknown command")) << rejected.err;
}

}  // namespace
}  // namespace e2e
