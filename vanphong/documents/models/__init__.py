"""The documents app's models, one module per part: rules (types, issuers, numbering settings), …"""
