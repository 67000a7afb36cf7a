/// Wakes the notification deliverer as soon as this process queues a notification, so delivery
/// does not wait for the next outbox poll (the poll stays, for notifications other instances queue).
public actor Doorbell {
    private var waiter: CheckedContinuation<Void, Never>?
    private var rung = false

    public init() {}

    /// Wakes the waiting deliverer, or the next wait if none waits now.
    public func ring() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            rung = true
        }
    }

    /// Returns when rung, or after `timeout`.
    func wait(upTo timeout: Duration) async {
        if rung {
            rung = false
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.park() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                await self.ring()
            }
            await group.next()
            group.cancelAll()
        }
        rung = false
    }

    /// Waits for a ring; returns at once when one came before it got to wait (the timer's ring
    /// may run first), so the wait above always ends.
    private func park() async {
        if rung { return }
        await withCheckedContinuation { waiter = $0 }
    }
}
