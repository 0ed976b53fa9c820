# Notices of the delivery path (src/delivery).
delivery-member-unreachable = ⚠️ <b>{ $name }</b> (member #{ $memberId }) has blocked the bot: a { $kind } message could not be delivered. They are marked unreachable until they write to the bot again.
