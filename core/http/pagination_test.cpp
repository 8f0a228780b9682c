// Tests of the page planner against an in-memory model of Synapse's list
// endpoints, and of Client::list() over a fake transport.
#include "pagination.h"

#include "client.h"
#include "fake_transport.h"

#include <gtest/gtest.h>

#include <functional>
#include <numeric>
#include <set>

namespace matrixctl::http {
namespace {

// An offset-based list as Synapse serves it. Users: next_token = from +
// len(page) when from + limit < total. Rooms: next_batch = from + limit.
struct ModelList {
  explicit ModelList(std::vector<int> values) : items(std::move(values)) {}

  std::vector<int> items;
  bool next_is_from_plus_limit = false;
  bool send_total = true;
  // Runs after each batch has been served, to change the list mid-way.
  std::function<void(ModelList&, int batch)> after_batch;

  PageInfo answer(const PageRequest& request, std::vector<int>& page) const {
    const uint64_t from = parse_offset(request.from).value();
    const uint64_t total = items.size();
    for (uint64_t i = from; i < std::min<uint64_t>(total, from + request.limit); ++i) {
      page.push_back(items[i]);
    }
    PageInfo info;
    info.item_count = page.size();
    if (send_total) info.total = total;
    if (from + request.limit < total) {
      info.next = std::to_string(next_is_from_plus_limit ? from + request.limit : from + page.size());
    }
    return info;
  }
};

struct ListRun {
  std::vector<int> items;
  std::vector<std::vector<PageRequest>> batches;
  uint64_t server_total = 0;
};

// Drives the planner the way Client::list() does. Every page of a batch is
// served first (as if sent in parallel), then accepted in order.
ListRun read_list(ModelList& list, uint32_t page_size, uint64_t max_items, unsigned concurrent_limit) {
  PagePlanner planner("GET /list", "next_token", page_size, max_items, concurrent_limit);
  ListRun result;
  int batch_number = 0;
  while (true) {
    const auto batch = planner.next_batch();
    if (batch.empty()) break;
    result.batches.push_back(batch);
    std::vector<std::vector<int>> pages(batch.size());
    std::vector<PageInfo> infos;
    for (std::size_t i = 0; i < batch.size(); ++i) infos.push_back(list.answer(batch[i], pages[i]));
    for (std::size_t i = 0; i < batch.size() && planner.batch_pending(); ++i) {
      const uint64_t keep = planner.accept(infos[i]);
      result.items.insert(result.items.end(), pages[i].begin(), pages[i].begin() + keep);
    }
    if (list.after_batch) list.after_batch(list, batch_number);
    ++batch_number;
  }
  EXPECT_TRUE(planner.done());
  EXPECT_EQ(planner.item_count(), result.items.size());
  result.server_total = planner.server_total();
  return result;
}

std::vector<int> numbers(int count, int first = 0) {
  std::vector<int> values(count);
  std::iota(values.begin(), values.end(), first);
  return values;
}

std::vector<std::string> froms(const ListRun& run) {
  std::vector<std::string> values;
  for (const auto& batch : run.batches) {
    for (const auto& page : batch) values.push_back(page.from);
  }
  return values;
}

TEST(ParseOffset, DecimalAndOpaque) {
  EXPECT_EQ(parse_offset("0"), 0u);
  EXPECT_EQ(parse_offset("100"), 100u);
  EXPECT_EQ(parse_offset(""), std::nullopt);
  EXPECT_EQ(parse_offset("-1"), std::nullopt);
  EXPECT_EQ(parse_offset("+1"), std::nullopt);
  EXPECT_EQ(parse_offset("s72594_4483_1934"), std::nullopt);
  EXPECT_EQ(parse_offset("12a"), std::nullopt);
}

TEST(Planner, EmptyList) {
  ModelList list(numbers(0));
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_TRUE(result.items.empty());
  ASSERT_EQ(result.batches.size(), 1u);
  EXPECT_EQ(result.batches[0][0].from, "0");
  EXPECT_EQ(result.batches[0][0].limit, 100u);
}

TEST(Planner, OneItem) {
  ModelList list(numbers(1));
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(1));
  EXPECT_EQ(result.batches.size(), 1u);
  EXPECT_EQ(result.server_total, 1u);
}

TEST(Planner, ExactlyOnePage) {
  ModelList list(numbers(100));
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(100));
  EXPECT_EQ(result.batches.size(), 1u);
}

TEST(Planner, OneMoreThanAPage) {
  ModelList list(numbers(101));
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(101));
  ASSERT_EQ(result.batches.size(), 2u);
  // The second page starts at the cursor itself, not one past it.
  EXPECT_EQ(result.batches[1][0].from, "100");
  EXPECT_EQ(result.batches[1][0].limit, 1u);
}

TEST(Planner, TwoAndAHalfPages) {
  ModelList list(numbers(250));
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(250));
  EXPECT_EQ(froms(result), (std::vector<std::string>{"0", "100", "200"}));
  ASSERT_EQ(result.batches.size(), 2u);
  EXPECT_EQ(result.batches[1][1].limit, 50u);
}

TEST(Planner, ThousandItemsInBoundedBatches) {
  ModelList list(numbers(1000));
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(1000));
  EXPECT_EQ(result.server_total, 1000u);
  ASSERT_EQ(result.batches.size(), 4u);
  EXPECT_EQ(result.batches[0].size(), 1u);
  EXPECT_EQ(result.batches[1].size(), 4u);
  EXPECT_EQ(result.batches[2].size(), 4u);
  EXPECT_EQ(result.batches[3].size(), 1u);
  const auto requested = froms(result);
  EXPECT_EQ(std::set<std::string>(requested.begin(), requested.end()).size(), requested.size());
}

TEST(Planner, ConcurrentLimitOneIsSequential) {
  ModelList list(numbers(350));
  const ListRun result = read_list(list, 100, 0, 1);
  EXPECT_EQ(result.items, numbers(350));
  for (const auto& batch : result.batches) EXPECT_EQ(batch.size(), 1u);
}

TEST(Planner, RoomsCursorIsFromPlusLimit) {
  ModelList list(numbers(250));
  list.next_is_from_plus_limit = true;
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(250));
  EXPECT_EQ(froms(result), (std::vector<std::string>{"0", "100", "200"}));
}

TEST(Planner, MaxItemsWithinFirstPage) {
  ModelList list(numbers(1000));
  const ListRun result = read_list(list, 100, 30, 4);
  EXPECT_EQ(result.items, numbers(30));
  ASSERT_EQ(result.batches.size(), 1u);
  EXPECT_EQ(result.batches[0][0].limit, 30u);
}

TEST(Planner, MaxItemsAcrossPages) {
  ModelList list(numbers(1000));
  const ListRun result = read_list(list, 100, 333, 4);
  EXPECT_EQ(result.items, numbers(333));
  EXPECT_EQ(froms(result), (std::vector<std::string>{"0", "100", "200", "300"}));
  EXPECT_EQ(result.batches.back().back().limit, 33u);
}

TEST(Planner, MaxItemsLargerThanList) {
  ModelList list(numbers(250));
  const ListRun result = read_list(list, 100, 5000, 4);
  EXPECT_EQ(result.items, numbers(250));
}

TEST(Planner, TrimsServerThatIgnoresLimit) {
  PagePlanner planner("GET /list", "next_token", 100, 30, 4);
  const auto batch = planner.next_batch();
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(planner.accept(PageInfo{100, std::string("100"), 1000}), 30u);
  EXPECT_TRUE(planner.next_batch().empty());
  EXPECT_EQ(planner.item_count(), 30u);
}

TEST(Planner, ListShrinksAtTheEnd) {
  ModelList list(numbers(250));
  list.after_batch = [](ModelList& model, int batch) {
    if (batch == 0) model.items.resize(180);
  };
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(180));
}

TEST(Planner, ListShrinksInTheMiddle) {
  ModelList list(numbers(400));
  list.after_batch = [](ModelList& model, int batch) {
    if (batch == 0) model.items.erase(model.items.begin() + 150, model.items.begin() + 160);
  };
  const ListRun result = read_list(list, 100, 0, 4);
  std::vector<int> expected = numbers(150);
  const auto tail = numbers(240, 160);
  expected.insert(expected.end(), tail.begin(), tail.end());
  EXPECT_EQ(result.items, expected);
}

TEST(Planner, ListGrowsWhileRead) {
  ModelList list(numbers(250));
  list.after_batch = [](ModelList& model, int batch) {
    if (batch == 0) {
      for (int i = 250; i < 420; ++i) model.items.push_back(i);
    }
  };
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(420));
  // The plan covered the first total (250); the rest was followed page by page.
  EXPECT_EQ(froms(result), (std::vector<std::string>{"0", "100", "200", "250", "350"}));
  EXPECT_EQ(result.batches.size(), 4u);
}

TEST(Planner, ShortPlannedPageSwitchesToCursor) {
  // A server that filters some items after paging: the page at 200 contains 90
  // items but its cursor still points past them.
  PagePlanner planner("GET /list", "next_token", 100, 0, 4);
  planner.next_batch();
  planner.accept(PageInfo{100, std::string("100"), 500});
  const auto batch = planner.next_batch();
  ASSERT_EQ(batch.size(), 4u);
  EXPECT_EQ(planner.accept(PageInfo{100, std::string("200"), 500}), 100u);
  EXPECT_EQ(planner.accept(PageInfo{90, std::string("290"), 500}), 90u);
  EXPECT_FALSE(planner.batch_pending());  // pages 300 and 400 are dropped
  const auto next = planner.next_batch();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].from, "290");
}

TEST(Planner, PageWithoutCursorEndsBatch) {
  PagePlanner planner("GET /list", "next_token", 100, 0, 4);
  planner.next_batch();
  planner.accept(PageInfo{100, std::string("100"), 500});
  ASSERT_EQ(planner.next_batch().size(), 4u);
  planner.accept(PageInfo{100, std::string("200"), 250});
  planner.accept(PageInfo{50, std::nullopt, 250});
  EXPECT_FALSE(planner.batch_pending());
  EXPECT_TRUE(planner.done());
  EXPECT_TRUE(planner.next_batch().empty());
  EXPECT_EQ(planner.item_count(), 250u);
}

TEST(Planner, RepeatedCursorFails) {
  PagePlanner planner("GET /_synapse/admin/v2/users", "next_token", 100, 0, 4);
  planner.next_batch();
  planner.accept(PageInfo{100, std::string("100"), 1000});
  planner.next_batch();
  try {
    planner.accept(PageInfo{100, std::string("100"), 1000});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
    EXPECT_EQ(error.failure().subject, "GET /_synapse/admin/v2/users");
    EXPECT_EQ(error.failure().reason, "pagination did not advance: next_token 100 repeated");
    EXPECT_FALSE(error.failure().hint.empty());
  }
}

TEST(Planner, CursorBackToStartFails) {
  PagePlanner planner("GET /list", "next_batch", 100, 0, 4);
  planner.next_batch();
  EXPECT_THROW(planner.accept(PageInfo{100, std::string("0"), std::nullopt}), Error);
}

TEST(Planner, OpaqueCursorIsSequential) {
  PagePlanner planner("GET /list", "next_batch", 50, 0, 4);
  const std::vector<std::optional<std::string>> cursors = {"s1_a", "s2_b", std::nullopt};
  std::vector<std::string> requested;
  for (const auto& cursor : cursors) {
    const auto batch = planner.next_batch();
    ASSERT_EQ(batch.size(), 1u);
    requested.push_back(batch[0].from);
    planner.accept(PageInfo{50, cursor, 1000});
  }
  EXPECT_TRUE(planner.next_batch().empty());
  EXPECT_EQ(requested, (std::vector<std::string>{"0", "s1_a", "s2_b"}));
  EXPECT_EQ(planner.item_count(), 150u);
}

TEST(Planner, OpaqueCursorLoopFails) {
  PagePlanner planner("GET /list", "next_batch", 50, 0, 4);
  planner.next_batch();
  planner.accept(PageInfo{50, std::string("a"), std::nullopt});
  planner.next_batch();
  planner.accept(PageInfo{50, std::string("b"), std::nullopt});
  planner.next_batch();
  EXPECT_THROW(planner.accept(PageInfo{50, std::string("a"), std::nullopt}), Error);
}

TEST(Planner, NoTotalIsSequential) {
  ModelList list(numbers(250));
  list.send_total = false;
  const ListRun result = read_list(list, 100, 0, 4);
  EXPECT_EQ(result.items, numbers(250));
  for (const auto& batch : result.batches) EXPECT_EQ(batch.size(), 1u);
}

TEST(Planner, PageCapStopsEndlessList) {
  PagePlanner planner("GET /list", "next_batch", 1, 0, 4);
  bool failed = false;
  for (uint64_t page = 0; page <= PagePlanner::kMaxPages && !failed; ++page) {
    planner.next_batch();
    try {
      planner.accept(PageInfo{1, "c" + std::to_string(page + 1), std::nullopt});
    } catch (const Error& error) {
      EXPECT_EQ(page, PagePlanner::kMaxPages);
      EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
      failed = true;
    }
  }
  EXPECT_TRUE(failed);
}

// Client::list() over a fake transport serving a users list like Synapse.
class ClientList : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 250; ++i) {
      users.push_back("{\"name\":\"@u" + std::to_string(i) + ":example.org\",\"admin\":false}");
    }
    transport.handler = [this](const Request& request) { return serve_users(request); };
  }

  Response serve_users(const Request& request) {
    const uint64_t from = std::stoull(testing::query_value(request.url, "from"));
    const uint64_t limit = std::stoull(testing::query_value(request.url, "limit"));
    std::string body = "{\"users\":[";
    uint64_t count = 0;
    for (uint64_t i = from; i < std::min<uint64_t>(users.size(), from + limit); ++i) {
      if (count++ > 0) body += ',';
      body += users[i];
    }
    body += "],\"total\":" + std::to_string(users.size());
    if (from + limit < users.size()) body += ",\"next_token\":\"" + std::to_string(from + count) + "\"";
    body += '}';
    return testing::json_response(200, body);
  }

  Client make_client(unsigned concurrent_limit = 2) {
    ClientOptions options;
    options.base_url = "http://127.0.0.1:8008";
    options.server_name = "default";
    options.concurrent_limit = concurrent_limit;
    Client client(options, [this]() -> Transport& { return transport; }, &tokens);
    client.set_sleep([this](long milliseconds) { waits.push_back(milliseconds); });
    return client;
  }

  static ListRequest users_request() {
    ListRequest request;
    request.path = "/_synapse/admin/v2/users";
    request.query = {{"guests", "false"}};
    request.items_key = "users";
    request.next_key = "next_token";
    request.total_key = "total";
    return request;
  }

  std::vector<std::string> users;
  testing::FakeTransport transport;
  testing::FakeTokens tokens;
  std::vector<long> waits;
};

TEST_F(ClientList, CollectsAllItemsInOrder) {
  Client client = make_client(2);
  const ListResult result = client.list(users_request());
  std::string expected = "[";
  for (std::size_t i = 0; i < users.size(); ++i) expected += (i > 0 ? "," : "") + users[i];
  expected += "]";
  EXPECT_EQ(result.items_json, expected);
  EXPECT_EQ(result.item_count, 250u);
  EXPECT_EQ(result.server_total, 250u);
  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(transport.sent[0].url,
            "http://127.0.0.1:8008/_synapse/admin/v2/users?guests=false&from=0&limit=100");
  EXPECT_EQ(transport.sent[2].url,
            "http://127.0.0.1:8008/_synapse/admin/v2/users?guests=false&from=200&limit=50");
  EXPECT_EQ(transport.max_parallel_seen, 2u);
  EXPECT_EQ(transport.batch_sizes, (std::vector<std::size_t>{1, 2}));
}

TEST_F(ClientList, KeepsItemsVerbatim) {
  users = {"{\"name\":\"@jöran:example.org\",\"z\":1,\"a\":null,\"nested\":{\"y\":[true,\"\\u00e9\"]}}"};
  Client client = make_client();
  const ListResult result = client.list(users_request());
  EXPECT_EQ(result.items_json,
            "[{\"name\":\"@jöran:example.org\",\"z\":1,\"a\":null,\"nested\":{\"y\":[true,\"é\"]}}]");
}

TEST_F(ClientList, MaxItemsTrimsExactly) {
  Client client = make_client(4);
  ListRequest request = users_request();
  request.max_items = 120;
  const ListResult result = client.list(request);
  EXPECT_EQ(result.item_count, 120u);
  EXPECT_EQ(result.server_total, 250u);
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(testing::query_value(transport.sent[1].url, "limit"), "20");
}

TEST_F(ClientList, RateLimitedPageIsRetried) {
  int calls = 0;
  transport.handler = [&](const Request& request) {
    if (++calls == 2) {
      return testing::json_response(
          429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":120})");
    }
    return serve_users(request);
  };
  Client client = make_client(4);
  const ListResult result = client.list(users_request());
  EXPECT_EQ(result.item_count, 250u);
  EXPECT_EQ(waits, (std::vector<long>{120}));
}

TEST_F(ClientList, ErrorPageFails) {
  transport.handler = [](const Request&) {
    return testing::json_response(403, R"({"errcode":"M_FORBIDDEN","error":"You are not a server admin"})");
  };
  Client client = make_client();
  try {
    client.list(users_request());
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
    EXPECT_EQ(error.failure().subject, "GET /_synapse/admin/v2/users");
  }
}

TEST_F(ClientList, MissingItemsKeyFails) {
  transport.handler = [](const Request&) { return testing::json_response(200, R"({"rooms":[]})"); };
  Client client = make_client();
  EXPECT_THROW(client.list(users_request()), Error);
}

TEST_F(ClientList, IntegerCursorOfRooms) {
  transport.handler = [](const Request& request) {
    const int from = std::stoi(testing::query_value(request.url, "from"));
    std::string body = "{\"rooms\":[";
    for (int i = from; i < std::min(from + 100, 150); ++i) {
      body += (i > from ? ",{\"n\":" : "{\"n\":") + std::to_string(i) + "}";
    }
    body += "],\"total_rooms\":150";
    if (from + 100 < 150) body += ",\"next_batch\":" + std::to_string(from + 100);
    return testing::json_response(200, body + "}");
  };
  Client client = make_client();
  ListRequest request;
  request.path = "/_synapse/admin/v1/rooms";
  request.items_key = "rooms";
  request.next_key = "next_batch";
  request.total_key = "total_rooms";
  const ListResult result = client.list(request);
  EXPECT_EQ(result.item_count, 150u);
  EXPECT_EQ(result.server_total, 150u);
  EXPECT_EQ(testing::query_value(transport.sent[1].url, "from"), "100");
}

}  // namespace
}  // namespace matrixctl::http
