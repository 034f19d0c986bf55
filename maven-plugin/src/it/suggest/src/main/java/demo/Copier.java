package demo;

import dev.faultlock.annotations.UserBuffer;
import java.nio.ByteBuffer;

class Copier {
  void copy(Store store, @UserBuffer ByteBuffer dst) {
    store.lockStore();
    try {
      dst.put((byte) 1);
    } finally {
      store.unlockStore();
    }
  }
}
