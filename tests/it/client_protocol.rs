//! Client protocol over raw WebSocket.
