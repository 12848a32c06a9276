"""API tokens: list them, mint one for a bot, revoke it."""

from __future__ import annotations

import os

import anyframe

af = anyframe.AnyFrame()

# --8<-- [start:tokens]
created = af.tokens.create(name="ci-bot")
print(created.token[:4] + "...")  # the raw afm_ token: returned this once, store it now
print(created)  # repr() and str() never show it

for token in af.tokens.list():  # metadata only
    print(token.id, token.name, token.prefix, token.last4, token.created_at)
# --8<-- [end:tokens]

# --8<-- [start:revoke]
bot = anyframe.AnyFrame(api_key=created.token)
print(bot.me().login)  # the new token works...

af.tokens.revoke(created.id)
try:
    bot.me()
except anyframe.AuthError:
    print("...until it is revoked")
bot.close()
# --8<-- [end:revoke]

assert os.environ.get("ANYFRAME_API_KEY") != created.token
af.close()
