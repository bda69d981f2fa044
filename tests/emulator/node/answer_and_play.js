// The official Node realtime client (@signalwire/realtime-api v4), unchanged, against the emulator:
// listens on "office", answers the inbound call, plays TTS to its end, hangs up.
// Usage: node answer_and_play.js ws://127.0.0.1:PORT
const { SignalWire } = require('@signalwire/realtime-api')

const host = process.argv[2]
const fail = (error) => {
  console.log(`FAILED ${error && error.stack ? error.stack : error}`)
  process.exit(1)
}
setTimeout(() => fail('timed out'), 20000).unref()

async function main() {
  const client = await SignalWire({ project: 'node-project', token: 'node-token', host })
  await client.voice.listen({
    topics: ['office'],
    onCallReceived: async (call) => {
      try {
        console.log(`RECEIVED ${call.id} ${call.from} ${call.to}`)
        await call.answer()
        console.log('ANSWERED')
        const playback = await call.playTTS({ text: 'Welcome to the emulator' }).onStarted()
        console.log('PLAYING')
        await playback.ended()
        console.log('PLAYED')
        await call.hangup()
        console.log('HUNG UP')
        await client.disconnect()
        process.exit(0)
      } catch (error) {
        fail(error)
      }
    },
  })
  console.log('READY')
}

main().catch(fail)
