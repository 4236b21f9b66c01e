_centrifugo() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="centrifugo"
                ;;
            centrifugo,bench)
                cmd="centrifugo__subcmd__bench"
                ;;
            centrifugo,broadcast)
                cmd="centrifugo__subcmd__broadcast"
                ;;
            centrifugo,channels)
                cmd="centrifugo__subcmd__channels"
                ;;
            centrifugo,checkconfig)
                cmd="centrifugo__subcmd__checkconfig"
                ;;
            centrifugo,checksubtoken)
                cmd="centrifugo__subcmd__checksubtoken"
                ;;
            centrifugo,checktoken)
                cmd="centrifugo__subcmd__checktoken"
                ;;
            centrifugo,defaultconfig)
                cmd="centrifugo__subcmd__defaultconfig"
                ;;
            centrifugo,defaultenv)
                cmd="centrifugo__subcmd__defaultenv"
                ;;
            centrifugo,disconnect)
                cmd="centrifugo__subcmd__disconnect"
                ;;
            centrifugo,genconfig)
                cmd="centrifugo__subcmd__genconfig"
                ;;
            centrifugo,generate-assets)
                cmd="centrifugo__subcmd__generate__subcmd__assets"
                ;;
            centrifugo,gensubtoken)
                cmd="centrifugo__subcmd__gensubtoken"
                ;;
            centrifugo,gentoken)
                cmd="centrifugo__subcmd__gentoken"
                ;;
            centrifugo,help)
                cmd="centrifugo__subcmd__help"
                ;;
            centrifugo,history)
                cmd="centrifugo__subcmd__history"
                ;;
            centrifugo,info)
                cmd="centrifugo__subcmd__info"
                ;;
            centrifugo,presence)
                cmd="centrifugo__subcmd__presence"
                ;;
            centrifugo,presence-stats)
                cmd="centrifugo__subcmd__presence__subcmd__stats"
                ;;
            centrifugo,publish)
                cmd="centrifugo__subcmd__publish"
                ;;
            centrifugo,serve)
                cmd="centrifugo__subcmd__serve"
                ;;
            centrifugo,trace)
                cmd="centrifugo__subcmd__trace"
                ;;
            centrifugo,unsubscribe)
                cmd="centrifugo__subcmd__unsubscribe"
                ;;
            centrifugo,version)
                cmd="centrifugo__subcmd__version"
                ;;
            centrifugo__subcmd__bench,channels)
                cmd="centrifugo__subcmd__bench__subcmd__channels"
                ;;
            centrifugo__subcmd__bench,connect)
                cmd="centrifugo__subcmd__bench__subcmd__connect"
                ;;
            centrifugo__subcmd__bench,fanout)
                cmd="centrifugo__subcmd__bench__subcmd__fanout"
                ;;
            centrifugo__subcmd__bench,help)
                cmd="centrifugo__subcmd__bench__subcmd__help"
                ;;
            centrifugo__subcmd__bench,idle)
                cmd="centrifugo__subcmd__bench__subcmd__idle"
                ;;
            centrifugo__subcmd__bench,rpc)
                cmd="centrifugo__subcmd__bench__subcmd__rpc"
                ;;
            centrifugo__subcmd__bench__subcmd__help,channels)
                cmd="centrifugo__subcmd__bench__subcmd__help__subcmd__channels"
                ;;
            centrifugo__subcmd__bench__subcmd__help,connect)
                cmd="centrifugo__subcmd__bench__subcmd__help__subcmd__connect"
                ;;
            centrifugo__subcmd__bench__subcmd__help,fanout)
                cmd="centrifugo__subcmd__bench__subcmd__help__subcmd__fanout"
                ;;
            centrifugo__subcmd__bench__subcmd__help,help)
                cmd="centrifugo__subcmd__bench__subcmd__help__subcmd__help"
                ;;
            centrifugo__subcmd__bench__subcmd__help,idle)
                cmd="centrifugo__subcmd__bench__subcmd__help__subcmd__idle"
                ;;
            centrifugo__subcmd__bench__subcmd__help,rpc)
                cmd="centrifugo__subcmd__bench__subcmd__help__subcmd__rpc"
                ;;
            centrifugo__subcmd__help,bench)
                cmd="centrifugo__subcmd__help__subcmd__bench"
                ;;
            centrifugo__subcmd__help,broadcast)
                cmd="centrifugo__subcmd__help__subcmd__broadcast"
                ;;
            centrifugo__subcmd__help,channels)
                cmd="centrifugo__subcmd__help__subcmd__channels"
                ;;
            centrifugo__subcmd__help,checkconfig)
                cmd="centrifugo__subcmd__help__subcmd__checkconfig"
                ;;
            centrifugo__subcmd__help,checksubtoken)
                cmd="centrifugo__subcmd__help__subcmd__checksubtoken"
                ;;
            centrifugo__subcmd__help,checktoken)
                cmd="centrifugo__subcmd__help__subcmd__checktoken"
                ;;
            centrifugo__subcmd__help,defaultconfig)
                cmd="centrifugo__subcmd__help__subcmd__defaultconfig"
                ;;
            centrifugo__subcmd__help,defaultenv)
                cmd="centrifugo__subcmd__help__subcmd__defaultenv"
                ;;
            centrifugo__subcmd__help,disconnect)
                cmd="centrifugo__subcmd__help__subcmd__disconnect"
                ;;
            centrifugo__subcmd__help,genconfig)
                cmd="centrifugo__subcmd__help__subcmd__genconfig"
                ;;
            centrifugo__subcmd__help,generate-assets)
                cmd="centrifugo__subcmd__help__subcmd__generate__subcmd__assets"
                ;;
            centrifugo__subcmd__help,gensubtoken)
                cmd="centrifugo__subcmd__help__subcmd__gensubtoken"
                ;;
            centrifugo__subcmd__help,gentoken)
                cmd="centrifugo__subcmd__help__subcmd__gentoken"
                ;;
            centrifugo__subcmd__help,help)
                cmd="centrifugo__subcmd__help__subcmd__help"
                ;;
            centrifugo__subcmd__help,history)
                cmd="centrifugo__subcmd__help__subcmd__history"
                ;;
            centrifugo__subcmd__help,info)
                cmd="centrifugo__subcmd__help__subcmd__info"
                ;;
            centrifugo__subcmd__help,presence)
                cmd="centrifugo__subcmd__help__subcmd__presence"
                ;;
            centrifugo__subcmd__help,presence-stats)
                cmd="centrifugo__subcmd__help__subcmd__presence__subcmd__stats"
                ;;
            centrifugo__subcmd__help,publish)
                cmd="centrifugo__subcmd__help__subcmd__publish"
                ;;
            centrifugo__subcmd__help,serve)
                cmd="centrifugo__subcmd__help__subcmd__serve"
                ;;
            centrifugo__subcmd__help,trace)
                cmd="centrifugo__subcmd__help__subcmd__trace"
                ;;
            centrifugo__subcmd__help,unsubscribe)
                cmd="centrifugo__subcmd__help__subcmd__unsubscribe"
                ;;
            centrifugo__subcmd__help,version)
                cmd="centrifugo__subcmd__help__subcmd__version"
                ;;
            centrifugo__subcmd__help__subcmd__bench,channels)
                cmd="centrifugo__subcmd__help__subcmd__bench__subcmd__channels"
                ;;
            centrifugo__subcmd__help__subcmd__bench,connect)
                cmd="centrifugo__subcmd__help__subcmd__bench__subcmd__connect"
                ;;
            centrifugo__subcmd__help__subcmd__bench,fanout)
                cmd="centrifugo__subcmd__help__subcmd__bench__subcmd__fanout"
                ;;
            centrifugo__subcmd__help__subcmd__bench,idle)
                cmd="centrifugo__subcmd__help__subcmd__bench__subcmd__idle"
                ;;
            centrifugo__subcmd__help__subcmd__bench,rpc)
                cmd="centrifugo__subcmd__help__subcmd__bench__subcmd__rpc"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        centrifugo)
            opts="-c -a -p -h -V --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help --version serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench)
            opts="-c -a -p -h --url --api-url --api-key --hmac-secret --format --source-addrs --concurrency --server-pid --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help idle connect fanout channels rpc help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hmac-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json protobuf" -- "${cur}"))
                    return 0
                    ;;
                --source-addrs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server-pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__channels)
            opts="-n -c -a -p -h --clients --messages --batch --api-conns --payload --drain --url --api-url --api-key --hmac-secret --format --source-addrs --concurrency --server-pid --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --clients)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --messages)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --batch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-conns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --drain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hmac-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json protobuf" -- "${cur}"))
                    return 0
                    ;;
                --source-addrs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server-pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__connect)
            opts="-n -c -a -p -h --connections --url --api-url --api-key --hmac-secret --format --source-addrs --concurrency --server-pid --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --connections)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hmac-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json protobuf" -- "${cur}"))
                    return 0
                    ;;
                --source-addrs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server-pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__fanout)
            opts="-n -c -a -p -h --subscribers --rate --ramp-to --duration --payload --api-conns --drain --url --api-url --api-key --hmac-secret --format --source-addrs --concurrency --server-pid --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --subscribers)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ramp-to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-conns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --drain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hmac-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json protobuf" -- "${cur}"))
                    return 0
                    ;;
                --source-addrs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server-pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__help)
            opts="idle connect fanout channels rpc help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__help__subcmd__channels)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__help__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__help__subcmd__fanout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__help__subcmd__idle)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__help__subcmd__rpc)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__idle)
            opts="-n -c -a -p -h --connections --hold --settle --processes --child --url --api-url --api-key --hmac-secret --format --source-addrs --concurrency --server-pid --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --connections)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hold)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --settle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --processes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --child)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hmac-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json protobuf" -- "${cur}"))
                    return 0
                    ;;
                --source-addrs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server-pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__bench__subcmd__rpc)
            opts="-n -c -a -p -h --connections --duration --method --payload --backend --url --api-url --api-key --hmac-secret --format --source-addrs --concurrency --server-pid --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --connections)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --method)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hmac-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "json protobuf" -- "${cur}"))
                    return 0
                    ;;
                --source-addrs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --server-pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__broadcast)
            opts="-c -a -p -h --data --skip-history --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__channels)
            opts="-c -a -p -h --pattern --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --pattern)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__checkconfig)
            opts="-s -c -a -p -h --strict --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__checksubtoken)
            opts="-c -a -p -h --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__checktoken)
            opts="-c -a -p -h --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__defaultconfig)
            opts="-d -c -a -p -h --dry-run --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__defaultenv)
            opts="-c -a -p -h --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__disconnect)
            opts="-c -a -p -h --client --code --reason --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --client)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --code)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__genconfig)
            opts="-c -a -p -h --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__generate__subcmd__assets)
            opts="-c -a -p -h --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__gensubtoken)
            opts="-u -t -q -s -c -a -p -h --user --ttl --quiet --private-key --alg --channel --info --aud --iss --expire-at --data --client --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --private-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --alg)
                    COMPREPLY=($(compgen -W "HS256 HS384 HS512 RS256 RS384 RS512 ES256 ES384 ES512" -- "${cur}"))
                    return 0
                    ;;
                --channel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --info)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iss)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expire-at)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__gentoken)
            opts="-u -t -q -c -a -p -h --user --ttl --quiet --private-key --alg --info --aud --iss --expire-at --channels --subs --meta --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --private-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --alg)
                    COMPREPLY=($(compgen -W "HS256 HS384 HS512 RS256 RS384 RS512 ES256 ES384 ES512" -- "${cur}"))
                    return 0
                    ;;
                --info)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iss)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expire-at)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --channels)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --meta)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help)
            opts="serve version checkconfig genconfig gentoken gensubtoken checktoken checksubtoken defaultenv defaultconfig publish broadcast presence presence-stats history channels info disconnect unsubscribe trace bench generate-assets help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__bench)
            opts="idle connect fanout channels rpc"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__bench__subcmd__channels)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__bench__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__bench__subcmd__fanout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__bench__subcmd__idle)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__bench__subcmd__rpc)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__broadcast)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__channels)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__checkconfig)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__checksubtoken)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__checktoken)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__defaultconfig)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__defaultenv)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__disconnect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__genconfig)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__generate__subcmd__assets)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__gensubtoken)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__gentoken)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__history)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__info)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__presence)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__presence__subcmd__stats)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__publish)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__serve)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__trace)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__unsubscribe)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__help__subcmd__version)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__history)
            opts="-c -a -p -h --limit --since --reverse --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__info)
            opts="-c -a -p -h --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__presence)
            opts="-c -a -p -h --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__presence__subcmd__stats)
            opts="-c -a -p -h --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__publish)
            opts="-c -a -p -h --tag --skip-history --idempotency-key --delta --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --idempotency-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__serve)
            opts="-c -a -p -h --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__trace)
            opts="-c -a -p -h --admin-url --token --password --count --duration --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help user channel"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --admin-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__unsubscribe)
            opts="-c -a -p -h --client --api-url --api-key --grpc --timeout --json --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --client)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --api-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        centrifugo__subcmd__version)
            opts="-c -a -p -h --config --pid_file --http_server.address --http_server.port --http_server.internal_address --http_server.internal_port --engine.type --broker.enabled --broker.type --presence_manager.enabled --presence_manager.type --map_broker.type --log.level --log.file --debug.enabled --admin.enabled --admin.external --admin.insecure --prometheus.enabled --swagger.enabled --health.enabled --init.enabled --uni_websocket.enabled --uni_sse.enabled --uni_http_stream.enabled --sse.enabled --http_stream.enabled --client.insecure --http_api.insecure --http_api.external --grpc_api.enabled --grpc_api.port --uni_grpc.enabled --uni_grpc.port --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid_file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_server.internal_port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --presence_manager.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --map_broker.type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log.file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --debug.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --admin.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prometheus.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --swagger.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_websocket.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sse.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_stream.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.insecure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http_api.external)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grpc_api.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.enabled)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uni_grpc.port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _centrifugo -o nosort -o bashdefault -o default centrifugo
else
    complete -F _centrifugo -o bashdefault -o default centrifugo
fi
