// synapse-sim entry point: parse options, seed data, listen, serve until SIGTERM or SIGINT.
#include <curl/curl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app.h"
#include "http_server.h"
#include "mas_client.h"
#include "options.h"
#include "request_log.h"
#include "seed_data.h"
#include "store.h"

namespace {

constexpr int kExitStartFailure = 1;
constexpr int kExitUsage = 2;

void printError(const std::string& message) {
    std::cerr << "synapse-sim: error: " << message << std::endl;
}

// Writes via a temporary file and rename(2), so a reader never sees a partial port number.
bool writePortFile(const std::string& path, int port, std::string& error) {
    std::string temporary = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << port << "\n";
        if (!out.flush()) {
            error = "cannot write " + temporary;
            return false;
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = "cannot rename " + temporary + " to " + path;
        std::remove(temporary.c_str());
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace synapse_sim;

    Options options;
    std::string error;
    OptionsOutcome outcome = parseOptions(std::vector<std::string>(argv + 1, argv + argc), options, error);
    if (outcome == OptionsOutcome::Help) {
        std::cout << usageText();
        return 0;
    }
    if (outcome == OptionsOutcome::UsageError) {
        printError(error);
        return kExitUsage;
    }

    // Block the stop signals before any thread starts, so every thread
    // inherits the mask and only sigwait() below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    Store store(options.server_name);
    seedStore(store, SeedConfig{options.users, options.rooms, options.server_name, options.user_token.has_value()});
    if (options.admin_password) {
        std::string admin_id = "@admin:" + options.server_name;
        store.setPassword(admin_id, *options.admin_password);
        store.findUser(admin_id)->has_password = true;
    }

    // Before any thread starts: curl_global_init is not thread-safe.
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        printError("cannot initialise libcurl; check the libcurl installation");
        return kExitStartFailure;
    }
    std::unique_ptr<MasClient> mas;
    if (options.masMode()) {
        mas = std::make_unique<MasClient>(options);
    }

    RequestLog log;
    if (!options.record_file.empty() && !log.openFile(options.record_file, error)) {
        printError("--record " + options.record_file + ": " + error + "; check that the folder exists and is writable");
        return kExitStartFailure;
    }

    App app(options, store, log, mas.get());
    HttpServer server([&app](HttpRequest& request) { return app.handle(request); });
    if (!server.listen(options.listen_host, options.listen_port, error)) {
        printError("--listen " + options.listen_host + ":" + std::to_string(options.listen_port) + ": " + error +
                   "; choose another address or use port 0");
        return kExitStartFailure;
    }
    if (!options.port_file.empty() && !writePortFile(options.port_file, server.port(), error)) {
        printError("--port-file " + options.port_file + ": " + error + "; check that the folder exists and is writable");
        return kExitStartFailure;
    }
    std::cout << "listening on http://" << server.urlHost() << ":" << server.port() << std::endl;

    std::thread([&server] { server.acceptForever(); }).detach();

    int received = 0;
    sigwait(&stop_signals, &received);
    std::cerr << "synapse-sim: stopping on " << (received == SIGINT ? "SIGINT" : "SIGTERM") << std::endl;
    std::cout.flush();
    // _Exit skips static destructors, which would race with connection threads still running.
    std::_Exit(0);
}
