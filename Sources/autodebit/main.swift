print("autodebit")
