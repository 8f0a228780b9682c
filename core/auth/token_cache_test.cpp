// Unit tests of the token cache file: permissions, separation of entries,
// corruption recovery, crash safety and the lock.
#include "token_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace matrixctl::auth {
namespace {

class TokenCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/token-cache-test-XXXXXX";
    root_ = mkdtemp(pattern);
    file_ = root_ / "data" / "matrixctl" / "oidc_token_cache.json";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  static CacheKey key(const std::string& server) {
    return {server, "https://" + server + ".example", "oidc", "https://mas.example/",
            "01J44RKQYM4G3TNVANTMTDYTX6"};
  }
  static CachedTokens tokens(const std::string& access) {
    CachedTokens t;
    t.access_token = access;
    t.refresh_token = "refresh-" + access;
    t.scope = "openid urn:synapse:admin:*";
    t.expires_at = 2000000000;
    t.obtained_at = 1999999700;
    return t;
  }
  static mode_t mode_of(const std::filesystem::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 0777;
  }

  std::filesystem::path root_;
  std::filesystem::path file_;
};

TEST_F(TokenCacheTest, FileIs0600UnderUmask022) {
  const mode_t old_mask = ::umask(022);
  TokenCache cache(file_);
  cache.store(key("a"), tokens("t1"));
  ::umask(old_mask);
  EXPECT_EQ(mode_of(file_), 0600u);
  EXPECT_EQ(mode_of(file_.parent_path()), 0700u);
}

TEST_F(TokenCacheTest, ServersKeepSeparateEntries) {
  TokenCache cache(file_);
  cache.store(key("a"), tokens("token-a"));
  cache.store(key("b"), tokens("token-b"));
  cache.store(key("a"), tokens("token-a2"));
  const auto a = cache.load(key("a"));
  const auto b = cache.load(key("b"));
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->access_token, "token-a2");
  EXPECT_EQ(a->refresh_token, "refresh-token-a2");
  EXPECT_EQ(b->access_token, "token-b");
  EXPECT_EQ(b->expires_at, 2000000000);

  cache.remove(key("a"));
  EXPECT_FALSE(cache.load(key("a")).has_value());
  EXPECT_TRUE(cache.load(key("b")).has_value());
}

TEST_F(TokenCacheTest, OtherClientIdIsOtherEntry) {
  TokenCache cache(file_);
  cache.store(key("a"), tokens("token-a"));
  auto other = key("a");
  other.client_id = "01J44RKQYM4G3TNVANTMTDYTX7";
  EXPECT_FALSE(cache.load(other).has_value());
}

TEST_F(TokenCacheTest, TruncatedFileMovedAside) {
  TokenCache cache(file_);
  cache.store(key("a"), tokens("token-a"));
  std::filesystem::resize_file(file_, 20);
  testing::internal::CaptureStderr();
  EXPECT_FALSE(cache.load(key("a")).has_value());
  EXPECT_FALSE(cache.load(key("a")).has_value());
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("could not be parsed"), std::string::npos) << err;
  EXPECT_EQ(err.find("could not be parsed"), err.rfind("could not be parsed")) << "reported twice";
  EXPECT_TRUE(std::filesystem::exists(file_.string() + ".corrupt"));
  EXPECT_FALSE(std::filesystem::exists(file_));
  cache.store(key("b"), tokens("token-b"));
  EXPECT_EQ(cache.load(key("b"))->access_token, "token-b");
}

// A writer killed at a random moment leaves either the old or the new
// cache, never a partial file.
TEST_F(TokenCacheTest, KilledWriterLeavesValidFile) {
  TokenCache cache(file_);
  cache.store(key("a"), tokens("initial"));
  for (int round = 0; round < 5; ++round) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      TokenCache writer(file_);
      for (int i = 0;; ++i) {
        auto t = tokens(std::string(4000, static_cast<char>('a' + i % 26)));
        writer.store(key("a"), t);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + round * 7));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    TokenCache reader(file_);
    const auto loaded = reader.load(key("a"));
    ASSERT_TRUE(loaded.has_value()) << "round " << round;
    EXPECT_FALSE(loaded->access_token.empty());
    EXPECT_FALSE(std::filesystem::exists(file_.string() + ".corrupt"));
  }
}

TEST_F(TokenCacheTest, NewerFormatLeftAlone) {
  std::filesystem::create_directories(file_.parent_path());
  const std::string newer = R"({"version": 2, "entries": {}, "future": true})";
  std::ofstream(file_) << newer;
  TokenCache cache(file_);
  testing::internal::CaptureStderr();
  EXPECT_FALSE(cache.load(key("a")).has_value());
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("newer matrixctl"), std::string::npos) << err;
  EXPECT_THROW(cache.store(key("a"), tokens("t")), std::exception);
  std::ifstream in(file_);
  const std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(after, newer);
}

TEST_F(TokenCacheTest, LockSerialisesHolders) {
  std::atomic<bool> second_has_lock{false};
  auto first = std::make_unique<CacheLock>(file_);
  testing::internal::CaptureStderr();
  std::thread other([&] {
    CacheLock second(file_);
    second_has_lock = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_FALSE(second_has_lock.load());
  first.reset();
  other.join();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_TRUE(second_has_lock.load());
  EXPECT_NE(err.find("waiting for another matrixctl process"), std::string::npos) << err;
}

}  // namespace
}  // namespace matrixctl::auth
