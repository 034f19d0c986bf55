package demo;

import java.util.concurrent.locks.ReentrantLock;

public class Store {
  private final ReentrantLock lock = new ReentrantLock();

  public void lockStore() {
    lock.lock();
  }

  public void unlockStore() {
    lock.unlock();
  }
}
