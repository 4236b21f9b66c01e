-- The Tarantool side of centrifugo's `tarantool` engine: PUB/SUB between centrifugo nodes,
-- history streams with offsets and epochs, idempotency results and presence. Each channel lives
-- on the one Tarantool (shard) its name hashes to; nodes call the functions below over IPROTO.
--
-- Run it as an instance file:
--     CENTRIFUGO_TARANTOOL_LISTEN=127.0.0.1:3301 tarantool centrifugo.lua
-- or load it from your own instance file after box.cfg{}:
--     require('centrifugo').init({user = 'centrifugo'})
--
-- Environment read when run as an instance file: CENTRIFUGO_TARANTOOL_LISTEN (default 3301),
-- CENTRIFUGO_TARANTOOL_DIR (snapshots and WAL, default the current directory),
-- CENTRIFUGO_TARANTOOL_WAL (wal_mode: write, fsync or none), CENTRIFUGO_TARANTOOL_USER and
-- CENTRIFUGO_TARANTOOL_PASSWORD (the user nodes log in as; without them nodes connect as guest),
-- CENTRIFUGO_TARANTOOL_REPLICATION (comma-separated URIs to replicate from) and
-- CENTRIFUGO_TARANTOOL_READ_ONLY=1 (a follower: nodes listing it beside its leader write to the
-- leader), CENTRIFUGO_TARANTOOL_ALLOW_REPLICATION=1 (followers may replicate as guest).
--
-- PUB/SUB: every node keeps one session per shard. It subscribes the session to the channels
-- its clients use and long-polls it; a publish appends the frame to the queue of every session
-- subscribed to the channel. A session that is not polled for SESSION_IDLE seconds (its node is
-- gone) is dropped; one whose queue passes QUEUE_LIMIT frames (its node stalled) is marked lost,
-- and its next poll tells the node to start over with a new session and check its positions.

local fiber = require('fiber')
local log = require('log')

local M = {}

local QUEUE_LIMIT = 200000
local SESSION_IDLE = 30
local CLEANUP_INTERVAL = 1
local CLEANUP_BATCH = 1000

-- session id -> {channels = {channel = true}, queue = {}, head, tail, cond, seen, lost}
local sessions = {}
-- channel -> {session id -> session}
local subscribers = {}

local function new_session(id)
    local s = {
        id = id, channels = {}, queue = {}, head = 1, tail = 0,
        cond = fiber.cond(), seen = fiber.clock(), lost = false,
    }
    sessions[id] = s
    return s
end

local function drop_session(s)
    for ch in pairs(s.channels) do
        local subs = subscribers[ch]
        if subs then
            subs[s.id] = nil
            if next(subs) == nil then subscribers[ch] = nil end
        end
    end
    sessions[s.id] = nil
    s.cond:broadcast()
end

-- Hands a frame to every session subscribed to the channel.
local function deliver(channel, frame)
    local subs = subscribers[channel]
    if subs == nil then return end
    for _, s in pairs(subs) do
        if not s.lost then
            if s.tail - s.head + 1 >= QUEUE_LIMIT then
                s.lost = true
                s.queue, s.head, s.tail = {}, 1, 0
            else
                local t = s.tail
                s.queue[t + 1] = channel
                s.queue[t + 2] = frame
                s.tail = t + 2
            end
            s.cond:signal()
        end
    end
end

function M.subscribe(session, channels)
    local s = sessions[session] or new_session(session)
    s.seen = fiber.clock()
    for _, ch in ipairs(channels) do
        if not s.channels[ch] then
            s.channels[ch] = true
            local subs = subscribers[ch]
            if subs == nil then
                subs = {}
                subscribers[ch] = subs
            end
            subs[session] = s
        end
    end
    return true
end

function M.unsubscribe(session, channels)
    local s = sessions[session]
    if s == nil then return true end
    for _, ch in ipairs(channels) do
        if s.channels[ch] then
            s.channels[ch] = nil
            local subs = subscribers[ch]
            if subs then
                subs[session] = nil
                if next(subs) == nil then subscribers[ch] = nil end
            end
        end
    end
    return true
end

-- Waits up to `timeout` seconds for frames; returns true and a flat {channel, frame, ...} list of
-- at most `max` frames, or false when the session is unknown or lost (the node starts over).
function M.poll(session, timeout, max)
    local s = sessions[session]
    if s == nil then return false, {} end
    if s.lost then
        drop_session(s)
        return false, {}
    end
    s.seen = fiber.clock()
    if s.tail < s.head then
        s.cond:wait(timeout)
        if sessions[session] ~= s or s.lost then return false, {} end
        s.seen = fiber.clock()
    end
    local n = s.tail - s.head + 1
    if n <= 0 then return true, {} end
    if n > max * 2 then n = max * 2 end
    local out = {}
    local q, h = s.queue, s.head
    for i = 0, n - 1 do
        out[i + 1] = q[h + i]
        q[h + i] = nil
    end
    s.head = h + n
    if s.head > s.tail then
        s.queue, s.head, s.tail = {}, 1, 0
    end
    return true, out
end

-- Frames that are not publications (join, leave, control messages).
function M.broadcast(channel, frame)
    deliver(channel, frame)
    return true
end

local function stream_rows(channel)
    local out = {}
    for _, t in box.space.cf_stream:pairs({channel}, {iterator = 'EQ'}) do
        out[#out + 1] = t[2]
    end
    return out
end

local function drop_stream(channel)
    for _, offset in ipairs(stream_rows(channel)) do
        box.space.cf_stream:delete({channel, offset})
    end
end

-- Appends to the channel's history (when size and ttl are not 0) and publishes.
-- Returns offset, epoch and whether the publication was suppressed (an idempotent repeat or a
-- stale version).
local function publish(channel, data, size, ttl, meta_ttl, idem_key, idem_ttl, version,
                       version_epoch, delta, fresh_epoch)
    local now = fiber.time()
    local idem
    if idem_key ~= '' then
        idem = channel .. '\0' .. idem_key
        local seen = box.space.cf_result:get(idem)
        if seen ~= nil and seen[2] > now then return seen[3], seen[4], true end
    end
    if size == 0 or ttl == 0 then
        if idem then box.space.cf_result:replace({idem, now + idem_ttl, 0, ''}) end
        return 0, '', false, '__p1:0:__' .. data
    end
    local meta = box.space.cf_meta:get(channel)
    if meta ~= nil and meta[5] > 0 and meta[5] <= now then
        -- The stream's meta expired: a new stream with a new epoch begins.
        meta = nil
    end
    local top, epoch, v, ve = 0, fresh_epoch, 0, ''
    if meta ~= nil then
        top, epoch, v, ve = meta[2], meta[3], meta[6], meta[7]
        if meta[4] > 0 and meta[4] <= now then
            -- The stream expired and the cleanup has not reached it yet.
            drop_stream(channel)
        end
    end
    if version > 0 then
        if v > 0 and (version_epoch == '' or version_epoch == ve) and v >= version then
            return top, epoch, true
        end
        v, ve = version, version_epoch
    end
    local offset = top + 1
    local prev = ''
    if offset == 1 then
        drop_stream(channel)
    elseif delta then
        local last = box.space.cf_stream:get({channel, top})
        if last ~= nil then prev = last[3] end
    end
    box.space.cf_stream:insert({channel, offset, data})
    local keep_from = offset - size
    if keep_from >= 1 then
        for _, t in box.space.cf_stream:pairs({channel}, {iterator = 'EQ'}) do
            if t[2] > keep_from then break end
            box.space.cf_stream:delete({channel, t[2]})
        end
    end
    local meta_expire = 0
    if meta_ttl > 0 then meta_expire = now + meta_ttl end
    box.space.cf_meta:replace({channel, offset, epoch, now + ttl, meta_expire, v, ve})
    if idem then box.space.cf_result:replace({idem, now + idem_ttl, offset, epoch}) end
    local frame
    if delta then
        frame = '__d1:' .. offset .. ':' .. epoch .. ':' .. #prev .. ':' .. prev .. ':' ..
            #data .. ':' .. data
    else
        frame = '__p1:' .. offset .. ':' .. epoch .. '__' .. data
    end
    return offset, epoch, false, frame
end

function M.publish(channel, data, size, ttl, meta_ttl, idem_key, idem_ttl, version,
                   version_epoch, delta, fresh_epoch)
    box.begin()
    local ok, offset, epoch, suppressed, frame = pcall(publish, channel, data, size, ttl,
        meta_ttl, idem_key, idem_ttl, version, version_epoch, delta, fresh_epoch)
    if not ok then
        box.rollback()
        error(offset)
    end
    box.commit()
    if frame ~= nil then deliver(channel, frame) end
    return offset, epoch, suppressed
end

-- The channel's position and, unless limit is 0, its publications as a flat {offset, data, ...}
-- list: after `since` (or from the start) forward, before `since` (or from the top) in reverse;
-- limit < 0 = all. since < 0 = none.
function M.history(channel, since, limit, reverse, meta_ttl, fresh_epoch)
    local now = fiber.time()
    local meta = box.space.cf_meta:get(channel)
    local top, epoch, live = 0, fresh_epoch, false
    local meta_expire = 0
    if meta_ttl > 0 then meta_expire = now + meta_ttl end
    if meta == nil or (meta[5] > 0 and meta[5] <= now) then
        box.space.cf_meta:replace({channel, 0, fresh_epoch, 0, meta_expire, 0, ''})
    else
        top, epoch = meta[2], meta[3]
        live = meta[4] > now
        if meta_ttl > 0 then box.space.cf_meta:update(channel, {{'=', 5, meta_expire}}) end
    end
    local out = {}
    if limit == 0 or not live then return top, epoch, out end
    local n = 0
    local iter, key
    if reverse then
        iter = 'LE'
        if since >= 0 then key = {channel, since - 1} else key = {channel} end
        if since == 0 then return top, epoch, out end
    else
        iter = 'GE'
        if since >= 0 then key = {channel, since + 1} else key = {channel} end
    end
    for _, t in box.space.cf_stream:pairs(key, {iterator = iter}) do
        if t[1] ~= channel or (limit > 0 and n >= limit) then break end
        out[#out + 1] = t[2]
        out[#out + 1] = t[3]
        n = n + 1
    end
    return top, epoch, out
end

function M.remove_history(channel)
    box.begin()
    drop_stream(channel)
    box.commit()
    return true
end

function M.presence_add(channel, client, info, user, ttl)
    box.space.cf_presence:replace({channel, client, fiber.time() + ttl, info, user})
    return true
end

function M.presence_remove(channel, client)
    box.space.cf_presence:delete({channel, client})
    return true
end

-- A flat {client, info, ...} list of the channel's live entries.
function M.presence(channel)
    local now = fiber.time()
    local out = {}
    for _, t in box.space.cf_presence:pairs({channel}, {iterator = 'EQ'}) do
        if t[3] > now then
            out[#out + 1] = t[2]
            out[#out + 1] = t[4]
        end
    end
    return out
end

function M.presence_stats(channel)
    local now = fiber.time()
    local clients, users, seen = 0, 0, {}
    for _, t in box.space.cf_presence:pairs({channel}, {iterator = 'EQ'}) do
        if t[3] > now then
            clients = clients + 1
            if not seen[t[5]] then
                seen[t[5]] = true
                users = users + 1
            end
        end
    end
    return clients, users
end

-- Whether this instance takes writes (false on a read-only replica).
function M.writable()
    return not box.info.ro
end

-- Tuples of `space` whose field `field` (a time, indexed by `index`) is in (0, now], at most
-- CLEANUP_BATCH of them.
local function expired(space, index, field, now)
    local out = {}
    for _, t in box.space[space].index[index]:pairs({0}, {iterator = 'GT'}) do
        if #out >= CLEANUP_BATCH or t[field] > now then break end
        out[#out + 1] = t
    end
    return out
end

local function cleanup()
    local clock = fiber.clock()
    for _, s in pairs(sessions) do
        if clock - s.seen > SESSION_IDLE then drop_session(s) end
    end
    if box.info.ro then return end
    local now = fiber.time()
    box.begin()
    for _, t in ipairs(expired('cf_meta', 'stream_expire', 4, now)) do
        drop_stream(t[1])
        box.space.cf_meta:update(t[1], {{'=', 4, 0}})
    end
    for _, t in ipairs(expired('cf_meta', 'meta_expire', 5, now)) do
        drop_stream(t[1])
        box.space.cf_meta:delete(t[1])
    end
    for _, t in ipairs(expired('cf_result', 'expire', 2, now)) do
        box.space.cf_result:delete(t[1])
    end
    for _, t in ipairs(expired('cf_presence', 'expire', 3, now)) do
        box.space.cf_presence:delete({t[1], t[2]})
    end
    box.commit()
end

local FUNCTIONS = {
    'subscribe', 'unsubscribe', 'poll', 'broadcast', 'publish', 'history', 'remove_history',
    'presence_add', 'presence_remove', 'presence', 'presence_stats', 'writable',
}

local function schema(user)
    local s = box.schema
    s.space.create('cf_stream', {if_not_exists = true, format = {
        {'channel', 'string'}, {'offset', 'unsigned'}, {'data', 'string'}}})
    box.space.cf_stream:create_index('primary', {if_not_exists = true,
        parts = {{1, 'string'}, {2, 'unsigned'}}})
    s.space.create('cf_meta', {if_not_exists = true, format = {
        {'channel', 'string'}, {'top', 'unsigned'}, {'epoch', 'string'},
        {'stream_expire', 'number'}, {'meta_expire', 'number'},
        {'version', 'unsigned'}, {'version_epoch', 'string'}}})
    box.space.cf_meta:create_index('primary', {if_not_exists = true, parts = {{1, 'string'}}})
    box.space.cf_meta:create_index('stream_expire', {if_not_exists = true, unique = false,
        parts = {{4, 'number'}}})
    box.space.cf_meta:create_index('meta_expire', {if_not_exists = true, unique = false,
        parts = {{5, 'number'}}})
    s.space.create('cf_result', {if_not_exists = true, format = {
        {'key', 'string'}, {'expire', 'number'}, {'offset', 'unsigned'}, {'epoch', 'string'}}})
    box.space.cf_result:create_index('primary', {if_not_exists = true, parts = {{1, 'string'}}})
    box.space.cf_result:create_index('expire', {if_not_exists = true, unique = false,
        parts = {{2, 'number'}}})
    s.space.create('cf_presence', {if_not_exists = true, format = {
        {'channel', 'string'}, {'client', 'string'}, {'expire', 'number'},
        {'info', 'string'}, {'user', 'string'}}})
    box.space.cf_presence:create_index('primary', {if_not_exists = true,
        parts = {{1, 'string'}, {2, 'string'}}})
    box.space.cf_presence:create_index('expire', {if_not_exists = true, unique = false,
        parts = {{3, 'number'}}})
    for _, name in ipairs(FUNCTIONS) do
        s.func.create('centrifugo.' .. name, {if_not_exists = true, setuid = true})
        s.user.grant(user, 'execute', 'function', 'centrifugo.' .. name, {if_not_exists = true})
    end
end

-- Creates the spaces (once), grants `opts.user` (default guest) the right to call the module's
-- functions and starts the cleanup fiber. Call after box.cfg{}.
function M.init(opts)
    opts = opts or {}
    local user = opts.user or 'guest'
    rawset(_G, 'centrifugo', M)
    if not box.info.ro then
        schema(user)
    end
    fiber.create(function()
        fiber.name('centrifugo-cleanup')
        while true do
            local ok, err = pcall(cleanup)
            if not ok then
                pcall(box.rollback)
                log.error('centrifugo cleanup: %s', tostring(err))
            end
            fiber.sleep(CLEANUP_INTERVAL)
        end
    end)
    log.info('centrifugo module ready')
    return M
end

-- Run as the instance file (the box not configured yet): configure it from the environment.
do
    if type(box.cfg) == 'function' then
        local dir = os.getenv('CENTRIFUGO_TARANTOOL_DIR') or '.'
        local replication = nil
        local from = os.getenv('CENTRIFUGO_TARANTOOL_REPLICATION')
        if from ~= nil and from ~= '' then
            replication = {}
            for uri in from:gmatch('[^,]+') do replication[#replication + 1] = uri end
        end
        box.cfg({
            replication = replication,
            read_only = os.getenv('CENTRIFUGO_TARANTOOL_READ_ONLY') == '1',
            listen = os.getenv('CENTRIFUGO_TARANTOOL_LISTEN') or 3301,
            memtx_dir = dir, wal_dir = dir, vinyl_dir = dir, work_dir = dir,
            wal_mode = os.getenv('CENTRIFUGO_TARANTOOL_WAL') or 'write',
            log_level = 4,
        })
        local user = os.getenv('CENTRIFUGO_TARANTOOL_USER')
        local password = os.getenv('CENTRIFUGO_TARANTOOL_PASSWORD')
        if user ~= nil and user ~= '' and user ~= 'guest' and not box.info.ro then
            box.schema.user.create(user, {if_not_exists = true})
            box.schema.user.passwd(user, password or '')
        end
        if os.getenv('CENTRIFUGO_TARANTOOL_ALLOW_REPLICATION') == '1' and not box.info.ro then
            box.schema.user.grant('guest', 'replication', nil, nil, {if_not_exists = true})
        end
        M.init({user = user})
    end
end

return M
