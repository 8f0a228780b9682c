// Unit tests of the ABI compatibility rules.
#include "abi_rules.h"

#include <gtest/gtest.h>

namespace matrixctl::plugins {
namespace {

TEST(AbiRules, SameVersionAccepted) {
  EXPECT_EQ(abi_incompatibility(MCTL_ABI_MAJOR, MCTL_ABI_MINOR), "");
}

TEST(AbiRules, OlderMinorAccepted) {
  ASSERT_GE(MCTL_ABI_MINOR, 1);
  EXPECT_EQ(abi_incompatibility(MCTL_ABI_MAJOR, MCTL_ABI_MINOR - 1), "");
}

TEST(AbiRules, NewerMinorRejected) {
  const auto reason = abi_incompatibility(MCTL_ABI_MAJOR, MCTL_ABI_MINOR + 1);
  EXPECT_NE(reason.find("newer"), std::string::npos) << reason;
  EXPECT_NE(reason.find(std::to_string(MCTL_ABI_MAJOR) + "." + std::to_string(MCTL_ABI_MINOR + 1)),
            std::string::npos)
      << reason;
}

TEST(AbiRules, OtherMajorRejected) {
  const auto reason = abi_incompatibility(MCTL_ABI_MAJOR + 1, 0);
  EXPECT_NE(reason.find("major versions differ"), std::string::npos) << reason;
  EXPECT_NE(reason.find(std::to_string(MCTL_ABI_MAJOR + 1) + ".0"), std::string::npos) << reason;
}

// A struct from an older minor is shorter: the fields it lacks read as 0.
TEST(AbiRules, ShortStructReadsMissingFieldsAsZero) {
  struct Old {
    uint32_t struct_size;
    const char* name;
  };
  struct New {
    uint32_t struct_size;
    const char* name;
    const char* added_later;
  };
  Old old{sizeof(Old), "x"};
  New out{};
  out.added_later = "garbage";
  ASSERT_TRUE(read_declared(&old, out));
  EXPECT_EQ(out.struct_size, sizeof(Old));
  EXPECT_STREQ(out.name, "x");
  EXPECT_EQ(out.added_later, nullptr);
}

// A struct from a newer minor is longer: only our prefix is copied.
TEST(AbiRules, LongStructCopiesOnlyKnownPrefix) {
  struct Longer {
    uint32_t struct_size;
    const char* name;
    const char* unknown;
  };
  struct Ours {
    uint32_t struct_size;
    const char* name;
  };
  Longer longer{sizeof(Longer), "y", "z"};
  Ours out{};
  ASSERT_TRUE(read_declared(&longer, out));
  EXPECT_EQ(out.struct_size, sizeof(Longer));
  EXPECT_STREQ(out.name, "y");
}

TEST(AbiRules, ZeroSizeRejected) {
  struct Ours {
    uint32_t struct_size;
    const char* name;
  };
  Ours bad{0, "x"};
  Ours out{};
  EXPECT_FALSE(read_declared(&bad, out));
  EXPECT_FALSE(read_declared(static_cast<const void*>(nullptr), out));
}

TEST(AbiRules, ElementStrideUsesPluginSize) {
  const char buffer[64] = {};
  EXPECT_EQ(element_at(buffer, 24, 2), buffer + 48);
}

}  // namespace
}  // namespace matrixctl::plugins
