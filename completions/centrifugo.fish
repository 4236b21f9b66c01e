# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_centrifugo_global_optspecs
    string join \n c/config= pid_file= a/http_server.address= p/http_server.port= http_server.internal_address= http_server.internal_port= engine.type= broker.enabled= broker.type= presence_manager.enabled= presence_manager.type= map_broker.type= log.level= log.file= debug.enabled= admin.enabled= admin.external= admin.insecure= prometheus.enabled= swagger.enabled= health.enabled= init.enabled= uni_websocket.enabled= uni_sse.enabled= uni_http_stream.enabled= sse.enabled= http_stream.enabled= client.insecure= http_api.insecure= http_api.external= grpc_api.enabled= grpc_api.port= uni_grpc.enabled= uni_grpc.port= h/help V/version
end

function __fish_centrifugo_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_centrifugo_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_centrifugo_using_subcommand
    set -l cmd (__fish_centrifugo_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c centrifugo -n "__fish_centrifugo_needs_command" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -s V -l version -d 'Print version'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "serve" -d 'Run the server (the same as running without a subcommand)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "version" -d 'Print the version'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "checkconfig" -d 'Check the config file: silent and exit 0 when valid, the error and exit 1 when not'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "genconfig" -d 'Write a minimal config with freshly generated secrets (refuses to overwrite)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "gentoken" -d 'Generate a connection JWT for a user (HMAC from config, or RSA/ECDSA from a private key)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "gensubtoken" -d 'Generate a subscription JWT for a user and channel'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "checktoken" -d 'Verify a connection JWT with the configured keys and print its claims'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "checksubtoken" -d 'Verify a subscription JWT with the configured keys and print its claims'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "defaultenv" -d 'Print every config key with its default value as CENTRIFUGO_...="value" lines'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "defaultconfig" -d 'Write the full config with every option at its default value'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "publish" -d 'Publish data into a channel of a running server (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "broadcast" -d 'Publish the same data into several channels (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "presence" -d 'Show who is in a channel: clients, users, connection and channel info (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "presence-stats" -d 'Count the clients and users in a channel (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "history" -d 'Page through a channel\'s history stream (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "channels" -d 'List active channels with their client counts (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "info" -d 'Show the nodes of a running server or cluster (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "disconnect" -d 'Close a user\'s connections (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "unsubscribe" -d 'Unsubscribe a user from a channel (server API)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "trace" -d 'Follow one user\'s or one channel\'s events live (admin endpoint /admin/trace)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "bench" -d 'Load-test a Centrifugo-compatible server over client protocol v2 and the HTTP API'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "generate-assets" -d 'Regenerate shell completions and man pages into DIR (for maintainers)'
complete -c centrifugo -n "__fish_centrifugo_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -s s -l strict -d 'Fail (exit 1) when the config has unknown keys'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checkconfig" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand genconfig" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -s u -l user -d 'User ID; empty means an anonymous user' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -s t -l ttl -d 'Token TTL in seconds; -1 for a token without expiration' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l private-key -d 'Sign with this RSA or ECDSA private key (PEM: PKCS#8, PKCS#1 or SEC1) instead of the HMAC secret' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l alg -d 'JWT algorithm [default: HS256, or inferred from --private-key]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
ES256\t''
ES384\t''
ES512\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l info -d 'Info attached to the connection or subscription (`info` claim), JSON' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l aud -d 'Audience (`aud` claim; repeat for several)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l iss -d 'Issuer (`iss` claim)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l expire-at -d 'Unix seconds when the connection or subscription expires (`expire_at`; 0 = never), apart from the token\'s own `exp`' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l channels -d 'Server-side channel to subscribe the connection to (`channels` claim; repeatable)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l subs -d 'Server-side subscriptions with options (`subs` claim), a JSON object' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l meta -d 'Server-only connection metadata (`meta` claim), a JSON object' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -s q -l quiet -d 'Only print the token'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gentoken" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s u -l user -d 'User ID; empty means an anonymous user' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s t -l ttl -d 'Token TTL in seconds; -1 for a token without expiration' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l private-key -d 'Sign with this RSA or ECDSA private key (PEM: PKCS#8, PKCS#1 or SEC1) instead of the HMAC secret' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l alg -d 'JWT algorithm [default: HS256, or inferred from --private-key]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
ES256\t''
ES384\t''
ES512\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s s -l channel -d 'Channel the token grants' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l info -d 'Info attached to the connection or subscription (`info` claim), JSON' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l aud -d 'Audience (`aud` claim; repeat for several)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l iss -d 'Issuer (`iss` claim)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l expire-at -d 'Unix seconds when the connection or subscription expires (`expire_at`; 0 = never), apart from the token\'s own `exp`' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l data -d 'Data sent to the client in the subscribe reply (`data` claim), JSON' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l client -d 'Only this client ID may use the token (`client` claim)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s q -l quiet -d 'Only print the token'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand gensubtoken" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checktoken" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand checksubtoken" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultenv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -s d -l dry-run -d 'Print the config to standard output instead of writing the file'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand defaultconfig" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l tag -d 'Publication tag KEY=VALUE (repeatable)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l idempotency-key -d 'Idempotency key: the same key within a few minutes publishes once' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l skip-history -d 'Do not keep this publication in the channel history'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l delta -d 'Send it as a delta to subscribers that negotiated one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand publish" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l data -d 'Publication data: JSON text, or `-` to read it from stdin' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l skip-history -d 'Do not keep the publications in history'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand broadcast" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand presence-stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l limit -d 'Publications per page (0: only the stream position)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l since -d 'Start after this stream position, OFFSET:EPOCH (the hint printed under a page)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l reverse -d 'Newest first'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l pattern -d 'Only channels matching this pattern (`*` matches any run of characters)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand channels" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l client -d 'Only this client ID' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l code -d 'Disconnect code (4000-4999 for the application; default 3000-range server disconnect)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l reason -d 'Disconnect reason' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand disconnect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l client -d 'Only this client ID' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l api-url -d 'Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l api-key -d 'API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l timeout -d 'Seconds to wait for the server\'s answer' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l grpc -d 'Use the GRPC server API (grpc_api) instead of the HTTP one'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -l json -d 'Print the API result as JSON (one line, for scripts and jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand unsubscribe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l admin-url -d 'Admin base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><admin.handler_prefix> from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l token -d 'Admin token (from POST /admin/auth); without one, --password logs in first' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l password -d 'Admin password [default: admin.password from the config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l count -d 'Stop after this many events' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l duration -d 'Stop after this many seconds (0: until the stream ends or Ctrl-C)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -l json -d 'Print each event as one JSON line (for jq)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand trace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l url -d 'WebSocket endpoint of the server under test' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l api-url -d 'Server HTTP API base [default: http://<host:port of --url>/api]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l api-key -d 'HTTP API key [default: http_api.key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l hmac-secret -d 'HMAC secret to sign connection JWTs (HS256) [default: client.token.hmac_secret_key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l format -d 'Client protocol wire format' -r -f -a "json\t''
protobuf\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l source-addrs -d 'Spread connections over this many loopback source addresses (127.0.0.1 .. 127.0.0.N)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l concurrency -d 'Connection attempts in flight at once' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l server-pid -d 'Server process ID: report its RSS (VmRSS) before and after' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l timeout -d 'Upper bound for the whole run in seconds; exceeding it fails the run' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -l json -d 'Print the result as JSON instead of a table'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -f -a "idle" -d 'Open N connections, each subscribed to a personal channel, and hold them'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -f -a "connect" -d 'Connection storm with JWT: accepted connections/s and connect latency'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -f -a "fanout" -d 'N subscribers in one channel, a publisher at a fixed (or ramping) rate'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -f -a "channels" -d 'N clients each in its own channel, publishes through the HTTP API (single or batch)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -f -a "rpc" -d 'N connections calling an RPC method back to back (through the RPC proxy)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and not __fish_seen_subcommand_from idle connect fanout channels rpc help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -s n -l connections -d 'Connections to open' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l hold -d 'Seconds to hold the connections after the RSS sample' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l settle -d 'Seconds to wait after the last connect before sampling the server\'s RSS' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l processes -d 'Spread the connections over K load-generator processes (re-executes this binary)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l child -d 'Internal: run as a child of a multi-process run whose connections start at this index' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l url -d 'WebSocket endpoint of the server under test' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l api-url -d 'Server HTTP API base [default: http://<host:port of --url>/api]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l api-key -d 'HTTP API key [default: http_api.key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l hmac-secret -d 'HMAC secret to sign connection JWTs (HS256) [default: client.token.hmac_secret_key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l format -d 'Client protocol wire format' -r -f -a "json\t''
protobuf\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l source-addrs -d 'Spread connections over this many loopback source addresses (127.0.0.1 .. 127.0.0.N)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l concurrency -d 'Connection attempts in flight at once' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l server-pid -d 'Server process ID: report its RSS (VmRSS) before and after' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l timeout -d 'Upper bound for the whole run in seconds; exceeding it fails the run' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -l json -d 'Print the result as JSON instead of a table'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from idle" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -s n -l connections -d 'Connections to open' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l url -d 'WebSocket endpoint of the server under test' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l api-url -d 'Server HTTP API base [default: http://<host:port of --url>/api]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l api-key -d 'HTTP API key [default: http_api.key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l hmac-secret -d 'HMAC secret to sign connection JWTs (HS256) [default: client.token.hmac_secret_key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l format -d 'Client protocol wire format' -r -f -a "json\t''
protobuf\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l source-addrs -d 'Spread connections over this many loopback source addresses (127.0.0.1 .. 127.0.0.N)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l concurrency -d 'Connection attempts in flight at once' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l server-pid -d 'Server process ID: report its RSS (VmRSS) before and after' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l timeout -d 'Upper bound for the whole run in seconds; exceeding it fails the run' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -l json -d 'Print the result as JSON instead of a table'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -s n -l subscribers -d 'Subscribers in the channel' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l rate -d 'Publications per second' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l ramp-to -d 'Ramp the rate linearly from --rate to this value over the run' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l duration -d 'Seconds of publishing' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l payload -d 'Publication payload size in bytes (at least the timestamp it carries)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l api-conns -d 'Keep-alive API connections publishing in turn (requests in flight at most)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l drain -d 'Seconds to wait for outstanding deliveries after the last publish' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l url -d 'WebSocket endpoint of the server under test' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l api-url -d 'Server HTTP API base [default: http://<host:port of --url>/api]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l api-key -d 'HTTP API key [default: http_api.key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l hmac-secret -d 'HMAC secret to sign connection JWTs (HS256) [default: client.token.hmac_secret_key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l format -d 'Client protocol wire format' -r -f -a "json\t''
protobuf\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l source-addrs -d 'Spread connections over this many loopback source addresses (127.0.0.1 .. 127.0.0.N)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l concurrency -d 'Connection attempts in flight at once' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l server-pid -d 'Server process ID: report its RSS (VmRSS) before and after' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l timeout -d 'Upper bound for the whole run in seconds; exceeding it fails the run' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -l json -d 'Print the result as JSON instead of a table'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from fanout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -s n -l clients -d 'Clients, each subscribed to its own channel' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l messages -d 'Publications in total (spread round-robin over the channels)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l batch -d 'Publications per API request: 1 uses `publish`, more use `batch`' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l api-conns -d 'Parallel keep-alive API connections' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l payload -d 'Publication payload size in bytes' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l drain -d 'Seconds to wait for outstanding deliveries after the last publish' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l url -d 'WebSocket endpoint of the server under test' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l api-url -d 'Server HTTP API base [default: http://<host:port of --url>/api]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l api-key -d 'HTTP API key [default: http_api.key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l hmac-secret -d 'HMAC secret to sign connection JWTs (HS256) [default: client.token.hmac_secret_key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l format -d 'Client protocol wire format' -r -f -a "json\t''
protobuf\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l source-addrs -d 'Spread connections over this many loopback source addresses (127.0.0.1 .. 127.0.0.N)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l concurrency -d 'Connection attempts in flight at once' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l server-pid -d 'Server process ID: report its RSS (VmRSS) before and after' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l timeout -d 'Upper bound for the whole run in seconds; exceeding it fails the run' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -l json -d 'Print the result as JSON instead of a table'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from channels" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -s n -l connections -d 'Connections, each calling back to back' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l duration -d 'Seconds of calling' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l method -d 'RPC method to call' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l payload -d 'Bytes of payload in each call\'s data' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l backend -d 'Also serve a minimal HTTP RPC proxy backend at this address (answers with the call\'s data)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l url -d 'WebSocket endpoint of the server under test' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l api-url -d 'Server HTTP API base [default: http://<host:port of --url>/api]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l api-key -d 'HTTP API key [default: http_api.key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l hmac-secret -d 'HMAC secret to sign connection JWTs (HS256) [default: client.token.hmac_secret_key from --config]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l format -d 'Client protocol wire format' -r -f -a "json\t''
protobuf\t''"
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l source-addrs -d 'Spread connections over this many loopback source addresses (127.0.0.1 .. 127.0.0.N)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l concurrency -d 'Connection attempts in flight at once' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l server-pid -d 'Server process ID: report its RSS (VmRSS) before and after' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l timeout -d 'Upper bound for the whole run in seconds; exceeding it fails the run' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -l json -d 'Print the result as JSON instead of a table'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from rpc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "idle" -d 'Open N connections, each subscribed to a personal channel, and hold them'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connection storm with JWT: accepted connections/s and connect latency'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "fanout" -d 'N subscribers in one channel, a publisher at a fixed (or ramping) rate'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "channels" -d 'N clients each in its own channel, publishes through the HTTP API (single or batch)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "rpc" -d 'N connections calling an RPC method back to back (through the RPC proxy)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -s c -l config -d 'Path to the config file (JSON, YAML or TOML by extension) [default: config.json]' -r -F
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l pid_file -d 'Write the process ID to this file' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -s a -l http_server.address -d 'Interface address to listen on [config default: all interfaces]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -s p -l http_server.port -d 'Port to bind the HTTP server to [config default: 8000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l http_server.internal_address -d 'Interface address for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l http_server.internal_port -d 'Custom port for internal endpoints (API, admin, metrics, health)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l engine.type -d 'Engine to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l broker.enabled -d 'Use a broker separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l broker.type -d 'Broker to use: memory, redis or nats [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l presence_manager.enabled -d 'Use a presence manager separate from the engine' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l presence_manager.type -d 'Presence manager to use: memory or redis [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l map_broker.type -d 'Map broker to use: memory, redis or postgres [config default: memory]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l log.level -d 'Log level: none, trace, debug, info, warn, error or fatal [config default: info]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l log.file -d 'Write logs to this file instead of stdout' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l debug.enabled -d 'Enable the debug (pprof) endpoints' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l admin.enabled -d 'Enable the admin web interface' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l admin.external -d 'Serve the admin interface on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l admin.insecure -d 'Admin interface without authentication (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l prometheus.enabled -d 'Enable the Prometheus metrics endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l swagger.enabled -d 'Enable the Swagger UI for the server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l health.enabled -d 'Enable the health check endpoint' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l init.enabled -d 'Enable the connection init endpoint for unidirectional transports' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l uni_websocket.enabled -d 'Enable the unidirectional WebSocket transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l uni_sse.enabled -d 'Enable the unidirectional SSE transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l uni_http_stream.enabled -d 'Enable the unidirectional HTTP streaming transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l sse.enabled -d 'Enable the bidirectional SSE transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l http_stream.enabled -d 'Enable the bidirectional HTTP streaming transport (emulation)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l client.insecure -d 'Insecure client mode: no token needed, no permission checks (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l http_api.insecure -d 'Accept server API requests without an API key (development only)' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l http_api.external -d 'Serve the HTTP API on the external port' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l grpc_api.enabled -d 'Enable the GRPC server API' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l grpc_api.port -d 'Port for the GRPC server API [config default: 10000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l uni_grpc.enabled -d 'Enable the unidirectional GRPC transport' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -l uni_grpc.port -d 'Port for the unidirectional GRPC transport [config default: 11000]' -r
complete -c centrifugo -n "__fish_centrifugo_using_subcommand generate-assets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "serve" -d 'Run the server (the same as running without a subcommand)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "version" -d 'Print the version'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "checkconfig" -d 'Check the config file: silent and exit 0 when valid, the error and exit 1 when not'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "genconfig" -d 'Write a minimal config with freshly generated secrets (refuses to overwrite)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "gentoken" -d 'Generate a connection JWT for a user (HMAC from config, or RSA/ECDSA from a private key)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "gensubtoken" -d 'Generate a subscription JWT for a user and channel'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "checktoken" -d 'Verify a connection JWT with the configured keys and print its claims'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "checksubtoken" -d 'Verify a subscription JWT with the configured keys and print its claims'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "defaultenv" -d 'Print every config key with its default value as CENTRIFUGO_...="value" lines'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "defaultconfig" -d 'Write the full config with every option at its default value'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "publish" -d 'Publish data into a channel of a running server (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "broadcast" -d 'Publish the same data into several channels (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "presence" -d 'Show who is in a channel: clients, users, connection and channel info (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "presence-stats" -d 'Count the clients and users in a channel (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "history" -d 'Page through a channel\'s history stream (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "channels" -d 'List active channels with their client counts (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "info" -d 'Show the nodes of a running server or cluster (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "disconnect" -d 'Close a user\'s connections (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "unsubscribe" -d 'Unsubscribe a user from a channel (server API)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "trace" -d 'Follow one user\'s or one channel\'s events live (admin endpoint /admin/trace)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "bench" -d 'Load-test a Centrifugo-compatible server over client protocol v2 and the HTTP API'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "generate-assets" -d 'Regenerate shell completions and man pages into DIR (for maintainers)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and not __fish_seen_subcommand_from serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "idle" -d 'Open N connections, each subscribed to a personal channel, and hold them'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "connect" -d 'Connection storm with JWT: accepted connections/s and connect latency'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "fanout" -d 'N subscribers in one channel, a publisher at a fixed (or ramping) rate'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "channels" -d 'N clients each in its own channel, publishes through the HTTP API (single or batch)'
complete -c centrifugo -n "__fish_centrifugo_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "rpc" -d 'N connections calling an RPC method back to back (through the RPC proxy)'
